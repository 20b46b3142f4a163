-- CRM notes: what sales staff record about a customer; never shown to the customer
CREATE TABLE customer_notes (
    id          uuid PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    author      text        NOT NULL,
    body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customer_notes_customer_idx ON customer_notes (customer_id, created_at DESC);
