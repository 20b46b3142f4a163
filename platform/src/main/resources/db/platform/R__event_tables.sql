-- Event plumbing shared by every service (repeatable: idempotent DDL, re-applied when it changes).

-- Transactional outbox: business rows and the events they cause commit together; the relay copies
-- unpublished rows to Redis Streams and marks them published.
CREATE TABLE IF NOT EXISTS outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    stream       text        NOT NULL,
    type         text        NOT NULL,
    key          text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
-- The relay claims rows for a short lease in a statement of its own and publishes after that has
-- committed: no row lock is held while it waits on Redis. A relay that dies mid-publish leaves its
-- claim to expire; then any instance takes the rows again.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS claimed_by uuid;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS claimed_until timestamptz;
-- Room left in each page for the claim's new row version: the claim changes no indexed column, so
-- with room on the page it is a heap-only update and adds no entries to the table's three indexes.
ALTER TABLE outbox SET (fillfactor = 50);
-- The W3C traceparent of the span the row was written in (null with tracing off): the relay carries
-- it on into the stream entry, so the consumer's work joins the same trace.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text;
-- How many events the row carries: 1 for a plain event; more for a pack (docs/events.md), whose payload
-- is a JSON array of {"id","key","payload"}, whose event_id is the pack's own and whose key is its first
-- event's. A batch's events of one stream and type share rows of up to 100.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS events integer NOT NULL DEFAULT 1;
-- The outbox event by event, packs unpacked: what to query when looking for an aggregate's events.
CREATE OR REPLACE VIEW outbox_events AS
SELECT id AS row_id, event_id, stream, type, key, payload, traceparent, created_at, published_at
FROM outbox WHERE events = 1
UNION ALL
SELECT o.id, (e ->> 'id')::uuid, o.stream, o.type, e ->> 'key', e -> 'payload', o.traceparent, o.created_at,
       o.published_at
FROM outbox o CROSS JOIN LATERAL jsonb_array_elements(o.payload) AS e
WHERE o.events > 1;

-- Consumers remember what they processed, in the same transaction as its effects: redelivery after
-- a crash or a duplicate publish changes nothing.
CREATE TABLE IF NOT EXISTS processed_events (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Poison messages: events a consumer failed on repeatedly, kept for staff to inspect.
CREATE TABLE IF NOT EXISTS parked_events (
    id          bigserial PRIMARY KEY,
    consumer    text        NOT NULL,
    stream      text        NOT NULL,
    message_id  text        NOT NULL,
    event_id    uuid,
    type        text,
    payload     text,
    error       text        NOT NULL,
    deliveries  integer     NOT NULL,
    parked_at   timestamptz NOT NULL DEFAULT now()
);
