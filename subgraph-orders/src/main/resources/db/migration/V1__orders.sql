CREATE SEQUENCE order_number_seq;

CREATE TABLE orders (
    id                  uuid PRIMARY KEY,
    number              bigint      NOT NULL UNIQUE DEFAULT nextval('order_number_seq'),
    customer_id         uuid        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    payment_status      text        NOT NULL CHECK (payment_status IN ('PENDING', 'AUTHORIZED', 'PAID', 'REFUND_DUE', 'REFUNDED', 'VOIDED')),
    payment_method      text        NOT NULL,
    currency            char(3)     NOT NULL,
    subtotal            numeric(14, 2) NOT NULL CHECK (subtotal >= 0),
    item_count          integer     NOT NULL CHECK (item_count > 0),
    ship_name           text,
    ship_line1          text        NOT NULL,
    ship_line2          text,
    ship_city           text        NOT NULL,
    ship_postal_code    text        NOT NULL,
    ship_country        char(2)     NOT NULL,
    placed_at           timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer     NOT NULL DEFAULT 1
);

-- newest-first keyset pagination, overall and per customer / status
CREATE INDEX orders_placed_idx ON orders (placed_at DESC, id DESC);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (status, placed_at DESC, id DESC);

CREATE TABLE order_lines (
    id           uuid PRIMARY KEY,
    order_id     uuid          NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no      integer       NOT NULL,
    product_id   uuid          NOT NULL,
    sku          text          NOT NULL,
    product_name text          NOT NULL,
    quantity     integer       NOT NULL CHECK (quantity > 0),
    unit_price   numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
    UNIQUE (order_id, line_no)
);

CREATE TABLE order_status_history (
    order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    version     integer     NOT NULL,
    from_status text,
    to_status   text        NOT NULL,
    actor       text        NOT NULL,
    reason      text,
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, version)
);
