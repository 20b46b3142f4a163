CREATE TABLE customers (
    id             uuid PRIMARY KEY,
    email          text        NOT NULL,
    first_name     text        NOT NULL,
    last_name      text        NOT NULL,
    phone          text,
    status         text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'BLOCKED')),
    tags           text[]      NOT NULL DEFAULT '{}',
    subject        text UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer     NOT NULL DEFAULT 1
);

-- e-mail addresses are unique whatever their case
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));
-- keyset pagination by name
CREATE INDEX customers_name_idx ON customers (last_name, first_name, id);

CREATE TABLE addresses (
    id          uuid PRIMARY KEY,
    customer_id uuid    NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    label       text,
    line1       text    NOT NULL,
    line2       text,
    city        text    NOT NULL,
    postal_code text    NOT NULL,
    country     char(2) NOT NULL,
    is_default  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX addresses_customer_idx ON addresses (customer_id);
-- at most one default address per customer
CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id) WHERE is_default;
