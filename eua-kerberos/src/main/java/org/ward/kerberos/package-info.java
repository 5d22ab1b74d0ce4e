/**
 * Kerberos user authentication for Ward's HTTP API (IHE EUA, ITI-2/ITI-4): a transport-agnostic
 * SPNEGO acceptor over the JDK's GSS-API that accepts Kerberos and nothing else (ITI-4 §3.4.4.2:
 * no NTLM), the service's keytab login, and the audit of logins and failures.
 * {@link org.ward.kerberos.http} puts it behind an HTTPS server (HTTP Negotiate, RFC 4559).
 */
package org.ward.kerberos;
