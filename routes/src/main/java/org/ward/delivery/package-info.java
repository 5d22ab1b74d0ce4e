/**
 * Ordered, at-least-once delivery of journalled messages to downstream MLLP/TLS receivers.
 *
 * <p>One {@link org.ward.delivery.DeliveryWorker} per destination takes the oldest undelivered
 * message from a {@link org.ward.delivery.DeliveryQueue}, forwards it unchanged over one
 * {@link org.ward.delivery.DestinationTransport} and waits for the acknowledgement whose MSA-2 is the
 * message's MSH-10. A message is marked delivered only on such an acknowledgement; otherwise it stays
 * first in line and is sent again, so the receiver may see duplicates (same MSH-10) but never a
 * later message before an earlier one. Only a rejection (AR/CR) moves a message aside, to the dead
 * letters.
 */
package org.ward.delivery;
