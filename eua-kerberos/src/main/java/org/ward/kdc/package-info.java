/**
 * An embedded Apache Kerby KDC for demos and tests only ({@code eua.kdc: embedded}): a realm on
 * a loopback TCP port, the service principal and its keytab, a krb5.conf, and user principals
 * with generated passwords. A hospital uses its own realm (MIT or Active Directory) instead;
 * nothing else in Ward differs between the two.
 */
package org.ward.kdc;
