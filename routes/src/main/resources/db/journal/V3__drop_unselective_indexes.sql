-- Two indexes that cost every commit and served no query well (issue 10, the journal commit).
-- messages.status holds one value (messages_status_check allows only ACCEPTED; delivery state lives in
-- deliveries), and message_type a handful, PCD-01 being nearly all of them: a look-up by either reads
-- most of the table through the index, where the primary key in id order does better. Each index still
-- had a B-tree page rewritten, and in H2 a new chunk written, by every commit.
-- Same script for H2 2.x and PostgreSQL 15.

DROP INDEX messages_status_idx;
DROP INDEX messages_message_type_idx;
