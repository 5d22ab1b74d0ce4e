/**
 * HTTP Negotiate (RFC 4559) for Ward's HTTPS API on the JDK's {@code com.sun.net.httpserver}:
 * an {@link com.sun.net.httpserver.Authenticator} that offers Negotiate and nothing else (no
 * Basic, no NTLM, no anonymous fallback), signed short-lived session cookies, role checks per
 * path prefix, and an unauthenticated {@code /health}.
 */
package org.ward.kerberos.http;
