-- The audit repository (docs/AUDIT-REPOSITORY.md). One script for H2 2.x and PostgreSQL 15, like
-- the message journal's db/journal, with its own history table (audit_schema_history).
-- Every column of audit_records and audit_index enters the record's canonical bytes, so the hash
-- chain breaks when any of them is changed (org.ward.audit.repository.CanonicalRecord).

CREATE TABLE audit_records (
    seq           BIGINT                   NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    source        VARCHAR(1024)            NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    problem       VARCHAR(1024),
    syslog_time   VARCHAR(64),
    hostname      VARCHAR(255),
    app_name      VARCHAR(48),
    msg_id        VARCHAR(32),
    event_id      VARCHAR(64),
    event_action  VARCHAR(64),
    event_outcome VARCHAR(64),
    event_time    TIMESTAMP WITH TIME ZONE,
    raw           BYTEA                    NOT NULL,
    hash          BYTEA                    NOT NULL,
    CONSTRAINT audit_records_pk PRIMARY KEY (seq)
);

CREATE INDEX audit_records_received_at_idx ON audit_records (received_at);
CREATE INDEX audit_records_event_time_idx ON audit_records (event_time);
CREATE INDEX audit_records_event_id_idx ON audit_records (event_id);

-- The many-valued index: T EventTypeCode, U participant UserID, N participant NetworkAccessPointID
-- (same ordinal as its U), P patient ID, M MSH-10. No foreign key: the verifier finds orphans.
CREATE TABLE audit_index (
    seq     BIGINT        NOT NULL,
    kind    CHAR(1)       NOT NULL,
    ordinal INTEGER       NOT NULL,
    val     VARCHAR(1024) NOT NULL,
    CONSTRAINT audit_index_pk PRIMARY KEY (seq, kind, ordinal)
);

CREATE INDEX audit_index_kind_val_idx ON audit_index (kind, val);

-- Signed heads of the chain: record seq and its hash, signed with the repository's EC P-256 key.
CREATE TABLE audit_checkpoints (
    seq         BIGINT                   NOT NULL,
    record_hash BYTEA                    NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id      VARCHAR(64)              NOT NULL,
    signature   BYTEA                    NOT NULL,
    CONSTRAINT audit_checkpoints_pk PRIMARY KEY (seq)
);
