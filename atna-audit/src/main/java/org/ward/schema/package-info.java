/** What Ward's Flyway-managed databases (the audit store, the message journal) have applied already. */
package org.ward.schema;
