/** End-to-end tests of the whole engine against real external peers (openssl, the ./ward launcher). */
package org.ward.conformance;
