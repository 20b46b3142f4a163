CREATE TABLE carriers (
    code                  text PRIMARY KEY,
    name                  text NOT NULL,
    -- null when the carrier has no public tracking page
    tracking_url_template text CHECK (tracking_url_template LIKE '%{trackingNumber}%')
);

-- reference data every environment needs, so it ships with the schema rather than the demo seed
INSERT INTO carriers (code, name, tracking_url_template) VALUES
    ('DHL',   'DHL Paket',                      'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={trackingNumber}'),
    ('UPS',   'United Parcel Service',          'https://www.ups.com/track?loc=en_DE&tracknum={trackingNumber}'),
    ('DPD',   'DPD Deutschland',                'https://tracking.dpd.de/status/en_DE/parcel/{trackingNumber}'),
    ('GLS',   'GLS General Logistics Systems',  'https://gls-group.com/DE/en/parcel-tracking?match={trackingNumber}'),
    ('FEDEX', 'FedEx Express',                  'https://www.fedex.com/fedextrack/?trknbr={trackingNumber}');

CREATE TABLE shipments (
    id              uuid PRIMARY KEY,
    -- orders live in the orders service's database, so there is no foreign key; one shipment per order
    order_id        uuid        NOT NULL UNIQUE,
    carrier_code    text        NOT NULL REFERENCES carriers (code),
    tracking_number text UNIQUE,
    status          text        NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    dispatched_at   timestamptz,
    delivered_at    timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer     NOT NULL DEFAULT 1,
    -- once the carrier has the parcel, the tracking number and dispatch time are known
    CONSTRAINT shipments_dispatched_has_tracking CHECK (
        status IN ('PENDING', 'CANCELLED') OR (tracking_number IS NOT NULL AND dispatched_at IS NOT NULL)),
    CONSTRAINT shipments_delivered_has_time CHECK (status <> 'DELIVERED' OR delivered_at IS NOT NULL)
);

-- newest-first keyset pagination, unfiltered and by each filter
CREATE INDEX shipments_created_idx ON shipments (created_at DESC, id DESC);
CREATE INDEX shipments_status_created_idx ON shipments (status, created_at DESC, id DESC);
CREATE INDEX shipments_carrier_created_idx ON shipments (carrier_code, created_at DESC, id DESC);

CREATE TABLE shipment_events (
    id          uuid PRIMARY KEY,
    shipment_id uuid        NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    status      text        NOT NULL
                CHECK (status IN ('PENDING', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED')),
    location    text,
    description text        NOT NULL,
    occurred_at timestamptz NOT NULL
);

-- the events of a batch of shipments, oldest first
CREATE INDEX shipment_events_shipment_idx ON shipment_events (shipment_id, occurred_at);
