-- When each order first reached CONFIRMED, SHIPPED and DELIVERED: written in the transaction that
-- records the change (StatusLog), so fulfilment lead times are one scan of orders instead of a join
-- with, and a grouping of, the whole status history.
ALTER TABLE orders
    ADD COLUMN confirmed_at timestamptz,
    ADD COLUMN shipped_at   timestamptz,
    ADD COLUMN delivered_at timestamptz;

UPDATE orders o
SET confirmed_at = r.confirmed, shipped_at = r.shipped, delivered_at = r.delivered
FROM (SELECT order_id,
             min(at) FILTER (WHERE to_status = 'CONFIRMED') AS confirmed,
             min(at) FILTER (WHERE to_status = 'SHIPPED')   AS shipped,
             min(at) FILTER (WHERE to_status = 'DELIVERED') AS delivered
      FROM order_status_history
      WHERE to_status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED')
      GROUP BY order_id) r
WHERE r.order_id = o.id;
