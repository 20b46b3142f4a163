-- the order's customer, so that shipping can decide on its own whether a customer may see a shipment
-- (a request may reach this subgraph without going through the orders subgraph)
ALTER TABLE shipments ADD COLUMN customer_id uuid;
CREATE INDEX shipments_customer_idx ON shipments (customer_id);
