-- The durable message journal (store-and-forward, part 1).
-- One script for H2 2.x and PostgreSQL 15: BYTEA is PostgreSQL's binary type and an H2 alias of
-- BINARY VARYING (up to 10^9 bytes); ids come from a sequence so the committer knows a row's id before
-- it seals the payload (the id is the AES-GCM additional data).
-- The delivery part adds its own tables (one row per message and destination, referencing messages.id)
-- and widens messages_status_check to QUEUED, DELIVERED, DEAD_LETTER.

CREATE SEQUENCE message_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE messages (
    id             BIGINT                   NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    listener       VARCHAR(128)             NOT NULL,
    sender_subject VARCHAR(1024)            NOT NULL,
    sender_serial  VARCHAR(64)              NOT NULL,
    sender_device  VARCHAR(16),
    message_type   VARCHAR(64)              NOT NULL,
    control_id     VARCHAR(199)             NOT NULL,
    transaction_id VARCHAR(32),
    charset        VARCHAR(64)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    -- keystore alias of the AES-256-GCM key; payload is IV (12 bytes) || ciphertext || tag (16 bytes)
    payload_key    VARCHAR(64)              NOT NULL,
    payload        BYTEA                    NOT NULL,
    CONSTRAINT messages_pk PRIMARY KEY (id),
    CONSTRAINT messages_status_check CHECK (status IN ('ACCEPTED'))
);

CREATE INDEX messages_received_at_idx ON messages (received_at);
CREATE INDEX messages_control_id_idx ON messages (control_id);
CREATE INDEX messages_message_type_idx ON messages (message_type);
CREATE INDEX messages_status_idx ON messages (status);

CREATE TABLE message_patients (
    message_id BIGINT       NOT NULL,
    ordinal    INTEGER      NOT NULL,
    patient_id VARCHAR(250) NOT NULL,
    CONSTRAINT message_patients_pk PRIMARY KEY (message_id, ordinal),
    CONSTRAINT message_patients_message_fk FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
);

CREATE INDEX message_patients_patient_id_idx ON message_patients (patient_id);
