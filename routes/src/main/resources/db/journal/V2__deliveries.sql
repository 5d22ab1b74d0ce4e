-- The durable delivery queue (store-and-forward, part 2): one row per message and destination,
-- inserted in the transaction that commits the message, so a committed message is a queued message.
-- Same script for H2 2.x and PostgreSQL 15.
-- A destination's queue is its PENDING rows in message_id order; deliveries_queue_idx serves
-- "the PENDING row with the smallest message_id for this destination" and the per-status counts.
-- last_reason names a failure without PHI (the queue truncates it to 512 characters).

CREATE TABLE deliveries (
    message_id   BIGINT                   NOT NULL,
    destination  VARCHAR(128)             NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    attempts     INTEGER                  NOT NULL,
    next_attempt TIMESTAMP WITH TIME ZONE,
    last_reason  VARCHAR(512),
    delivered_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT deliveries_pk PRIMARY KEY (message_id, destination),
    CONSTRAINT deliveries_message_fk FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE,
    CONSTRAINT deliveries_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD_LETTER')),
    CONSTRAINT deliveries_attempts_check CHECK (attempts >= 0)
);

CREATE INDEX deliveries_queue_idx ON deliveries (destination, status, message_id);
