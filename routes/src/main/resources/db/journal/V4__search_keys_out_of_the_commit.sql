-- Control ids and patient ids, the keys operators search messages by, leave the commit that answers the
-- sender (issue 10). Indexed in place, each message inserted into a random leaf of two B-trees, and H2's
-- MVStore, which never updates a page in place, wrote a new copy of each such leaf at every commit:
-- half the journal's throughput with keys spread as devices send them (docs/BENCHMARKS.md, "Message
-- journal commits"). The engine's search indexer now copies them into search_keys in id order, many
-- messages per transaction, and records how far it got in search_progress; a search reads search_keys
-- for the ids up to there and the few newer rows directly (JournalReader), so it stays exact.
-- Same script for H2 2.x and PostgreSQL 15.

CREATE TABLE search_keys (
    kind       CHAR(1)      NOT NULL,
    key_value  VARCHAR(250) NOT NULL,
    message_id BIGINT       NOT NULL,
    CONSTRAINT search_keys_pk PRIMARY KEY (kind, key_value, message_id),
    CONSTRAINT search_keys_kind_check CHECK (kind IN ('C', 'P')),
    CONSTRAINT search_keys_message_fk FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
);

-- For the cascade when retention deletes messages; it grows at its end, in id order.
CREATE INDEX search_keys_message_idx ON search_keys (message_id);

CREATE TABLE search_progress (
    singleton       INTEGER NOT NULL,
    indexed_through BIGINT  NOT NULL,
    CONSTRAINT search_progress_pk PRIMARY KEY (singleton),
    CONSTRAINT search_progress_singleton_check CHECK (singleton = 1)
);

INSERT INTO search_keys (kind, key_value, message_id) SELECT 'C', control_id, id FROM messages;
INSERT INTO search_keys (kind, key_value, message_id)
    SELECT DISTINCT 'P', patient_id, message_id FROM message_patients;
INSERT INTO search_progress (singleton, indexed_through) SELECT 1, COALESCE(MAX(id), 0) FROM messages;

DROP INDEX messages_control_id_idx;
DROP INDEX message_patients_patient_id_idx;
