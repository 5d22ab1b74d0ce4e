/**
 * The facility PKI: a two-level CA (root and issuing) that certifies every node Ward talks to,
 * with ECDSA P-256 keys by default, PKCS#12 key stores behind generated passwords, and a
 * first-run development PKI ({@link org.ward.pki.DevelopmentPki}).
 *
 * <p>Certificates follow RFC 5280; lifetimes follow ITI TF-2 §3.19.6.1.3 (at most two years for
 * node certificates); devices carry their EUI-64 as subject serialNumber and as an RFC 9039 URN.
 */
package org.ward.pki;
