/**
 * People and their roles: {@code users.yaml} maps Kerberos principals {@code user@REALM} to the
 * roles of {@code policy.yaml} and a disabled flag. {@link org.ward.users.UsersFile} reads it with
 * line numbers; {@link org.ward.users.UsersFileEditor} changes it atomically for
 * {@code ward users}, returning each change for the audit trail (110137 / 110136).
 */
package org.ward.users;
