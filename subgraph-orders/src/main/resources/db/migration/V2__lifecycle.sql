-- Local replicas of what orders validates against, kept current by the catalog and customers streams.
CREATE TABLE catalog_products (
    product_id uuid PRIMARY KEY,
    sku        text          NOT NULL,
    name       text          NOT NULL,
    price      numeric(12, 2) NOT NULL,
    currency   char(3)       NOT NULL,
    active     boolean       NOT NULL,
    updated_at timestamptz   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX catalog_products_sku_idx ON catalog_products (sku);

CREATE TABLE customer_accounts (
    customer_id uuid PRIMARY KEY,
    status      text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotency keys, per caller: a retried request with the same key returns the original result and
-- creates nothing; the same key with other content is refused. Kept at least 24 hours.
CREATE TABLE idempotency_keys (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    order_id     uuid,
    response     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

ALTER TABLE orders ADD COLUMN paid_amount numeric(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN payment_reference text;
