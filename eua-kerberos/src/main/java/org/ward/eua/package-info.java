/**
 * Enterprise User Authentication (IHE ITI-2/ITI-4): SPNEGO/Kerberos acceptor for Ward's HTTP
 * API, the principal-to-role user store ({@code users.yaml}) and an embedded Apache Kerby KDC for
 * demos and tests. Not yet implemented: see the EUA issue.
 */
package org.ward.eua;
