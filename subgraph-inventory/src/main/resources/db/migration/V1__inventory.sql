-- Products are never deleted (they are deactivated), so the stock ledger keeps its history.
CREATE TABLE products (
    id          uuid PRIMARY KEY,
    -- byte order: SKUs sort the same in every locale, and keyset pages follow that order
    sku         text COLLATE "C" NOT NULL CHECK (sku ~ '^[A-Z0-9-]{3,40}$'),
    name        text          NOT NULL,
    description text,
    price       numeric(12,2) NOT NULL CHECK (price > 0),
    currency    char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    active      boolean       NOT NULL DEFAULT true,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    version     integer       NOT NULL DEFAULT 1,
    -- SKUs are stored upper-case (CHECK above), so this also refuses case variants;
    -- its index serves lookups by SKU and keyset pagination in SKU order
    CONSTRAINT products_sku_key UNIQUE (sku)
);

-- the storefront lists only active products
CREATE INDEX products_active_sku_idx ON products (sku) WHERE active;

CREATE TABLE stock_levels (
    product_id uuid PRIMARY KEY REFERENCES products (id),
    on_hand    integer     NOT NULL CHECK (on_hand >= 0),
    reserved   integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stock_levels_reserved_covered CHECK (reserved <= on_hand)
);

-- The ledger: every change of on_hand, with the balance it left. on_hand = sum(delta).
CREATE TABLE stock_movements (
    id            uuid PRIMARY KEY,
    product_id    uuid        NOT NULL REFERENCES products (id),
    delta         integer     NOT NULL,
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    on_hand_after integer     NOT NULL CHECK (on_hand_after >= 0),
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- a product's movements, newest first (keyset pagination)
CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, created_at DESC, id DESC);
