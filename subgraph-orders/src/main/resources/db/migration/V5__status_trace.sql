-- The W3C traceparent of the span a status change was made in (null with tracing off): a
-- subscription delivery of the change is recorded in the same trace, whether it came live or was
-- read back from here.
ALTER TABLE order_status_history ADD COLUMN traceparent text;
