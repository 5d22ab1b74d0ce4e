-- Retention (docs/AUDIT-REPOSITORY.md, "Retention"): one row per cut, kept forever. A cut removed
-- records first_seq..up_to_seq after exporting them to a signed archive; the signature (the
-- repository's checkpoint key) covers every column but itself, so the verifier can start the chain
-- at the latest cut instead of the genesis hash. first_seq is unique: two retention runs racing
-- from the same base cannot both commit, and a deleted cut row leaves a gap the verifier sees.

CREATE TABLE audit_retention_cuts (
    first_seq      BIGINT                   NOT NULL,
    up_to_seq      BIGINT                   NOT NULL,
    previous_hash  BYTEA                    NOT NULL,
    last_hash      BYTEA                    NOT NULL,
    archive_name   VARCHAR(255)             NOT NULL,
    archive_sha256 BYTEA                    NOT NULL,
    cut_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id         VARCHAR(64)              NOT NULL,
    signature      BYTEA                    NOT NULL,
    CONSTRAINT audit_retention_cuts_pk PRIMARY KEY (up_to_seq),
    CONSTRAINT audit_retention_cuts_first_seq_uq UNIQUE (first_seq)
);
