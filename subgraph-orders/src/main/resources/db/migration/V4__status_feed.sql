-- The status feed: every history entry gets a position (seq) that is gapless and in commit order,
-- because each writer takes the next positions from the single status_feed row, whose lock it holds
-- until it commits. Subscribers resume from the last position they saw; the live fan-out detects
-- a missed message as a hole in the positions and reads it from here.
CREATE TABLE status_feed (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    position bigint  NOT NULL
);

ALTER TABLE order_status_history ADD COLUMN seq bigint;

WITH numbered AS (
    SELECT order_id, version, row_number() OVER (ORDER BY at, order_id, version) AS n FROM order_status_history)
UPDATE order_status_history h SET seq = numbered.n
FROM numbered WHERE h.order_id = numbered.order_id AND h.version = numbered.version;

INSERT INTO status_feed (position) SELECT coalesce(max(seq), 0) FROM order_status_history;

ALTER TABLE order_status_history ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX order_status_history_seq_idx ON order_status_history (seq);
