package org.ward.camel;

/**
 * Thrown in a route to say the message can never be delivered: it is dead-lettered instead of
 * tried again. From a YAML route:
 *
 * <pre>
 * - throwException:
 *     exceptionType: org.ward.camel.MessageRejectedException
 *     message: "alarm without a priority"
 * </pre>
 *
 * The message becomes the dead letter's reason in the journal and in the Export audit record, so it
 * must not quote the HL7 content. Any other exception means "try again later".
 */
public class MessageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageRejectedException(String reason) {
        super(reason);
    }
}
