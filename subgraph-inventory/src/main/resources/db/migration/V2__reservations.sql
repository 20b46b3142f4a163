-- Stock held for orders (the reservation saga, see docs/events.md). A row exists from StockReserved
-- until the order is cancelled (units go back to available) or shipped (units leave on_hand).
-- Invariant: stock_levels.reserved = sum(quantity) of the product's rows.
CREATE TABLE reservations (
    order_id   uuid        NOT NULL,
    product_id uuid        NOT NULL REFERENCES products (id),
    quantity   integer     NOT NULL CHECK (quantity > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, product_id)
);

-- Inventory's answer to each order it has seen, kept after the reservation rows are gone: an
-- OrderPlaced that arrives again (new event id) after the order was reserved, rejected, cancelled or
-- shipped changes nothing. CANCELLED: the cancellation was handled before any placement.
CREATE TABLE stock_decisions (
    order_id   uuid PRIMARY KEY,
    decision   text        NOT NULL CHECK (decision IN ('RESERVED', 'REJECTED', 'CANCELLED')),
    decided_at timestamptz NOT NULL DEFAULT now()
);
