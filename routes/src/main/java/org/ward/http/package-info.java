/**
 * Ward's HTTPS API for people, served by eua-kerberos's {@code ApiServer} behind SPNEGO: the audit
 * search ({@code GET /fhir/AuditEvent}, ITI-81 style) and the users file it authorizes against.
 */
package org.ward.http;
