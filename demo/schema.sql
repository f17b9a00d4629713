-- The demo shop's own database (tracewell_demo), created and seeded by `npm run demo`.
-- Idempotent: every run applies it again; the seed only fills empty tables.
-- Deliberately missing: an index on orders.shipping_email (the slow-query exhibit).

CREATE TABLE IF NOT EXISTS customers (
  id integer PRIMARY KEY,
  email text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS customers_email ON customers (email);

CREATE TABLE IF NOT EXISTS products (
  sku text PRIMARY KEY,
  name text NOT NULL,
  price_cents integer NOT NULL
);

CREATE TABLE IF NOT EXISTS stock (
  sku text PRIMARY KEY REFERENCES products (sku),
  warehouse text NOT NULL,
  quantity integer NOT NULL
);

CREATE TABLE IF NOT EXISTS promotions (
  id integer PRIMARY KEY,
  sku text NOT NULL,
  percent_off integer NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS promotions_sku ON promotions (sku);

CREATE TABLE IF NOT EXISTS orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  reference text NOT NULL,
  shipping_email text NOT NULL,
  shipping_address text NOT NULL,
  status text NOT NULL DEFAULT 'placed',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_customer_created ON orders (customer_id, created_at DESC);

CREATE TABLE IF NOT EXISTS order_items (
  order_id bigint NOT NULL REFERENCES orders (id),
  sku text NOT NULL,
  quantity integer NOT NULL,
  price_cents integer NOT NULL
);
CREATE INDEX IF NOT EXISTS order_items_order ON order_items (order_id);
CREATE INDEX IF NOT EXISTS order_items_sku ON order_items (sku);

-- The fulfilment queue: orders enqueues with the trace context, its worker claims with SKIP LOCKED.
CREATE TABLE IF NOT EXISTS fulfilment_jobs (
  id bigserial PRIMARY KEY,
  order_id bigint NOT NULL,
  traceparent text,
  state text NOT NULL DEFAULT 'queued',
  enqueued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS fulfilment_jobs_queued ON fulfilment_jobs (id) WHERE state = 'queued';

-- Seed (deterministic): 2,000 customers, 200 products, 100,000 orders of two items each.
DO $seed$
BEGIN
  IF EXISTS (SELECT 1 FROM products) THEN
    RETURN;
  END IF;
  PERFORM setseed(0.42);
  INSERT INTO customers (id, email)
    SELECT i, 'customer' || i || '@example.com' FROM generate_series(1, 2000) AS i;
  INSERT INTO products (sku, name, price_cents)
    SELECT 'SKU-' || lpad(i::text, 4, '0'), 'Product ' || i, 199 + (random() * 9800)::int
    FROM generate_series(1, 200) AS i;
  INSERT INTO stock (sku, warehouse, quantity)
    SELECT sku, (ARRAY['north', 'south', 'east'])[1 + (random() * 2)::int], (random() * 500)::int FROM products;
  INSERT INTO promotions (id, sku, percent_off, starts_at, ends_at)
    SELECT i, 'SKU-' || lpad((1 + (random() * 199)::int)::text, 4, '0'), 5 + (random() * 30)::int,
           now() - interval '30 days' + random() * interval '60 days',
           now() + random() * interval '90 days'
    FROM generate_series(1, 5000) AS i;
  INSERT INTO orders (customer_id, reference, shipping_email, shipping_address, created_at)
    SELECT c, 'ORD-' || lpad(i::text, 7, '0'), 'customer' || c || '@example.com',
           i || ' Long Street, Apartment ' || (i % 97) || ', Springfield, a fairly long address line',
           now() - random() * interval '365 days'
    FROM (SELECT i, 1 + (random() * 1999)::int AS c FROM generate_series(1, 100000) AS i) AS o;
  INSERT INTO order_items (order_id, sku, quantity, price_cents)
    SELECT o.id, 'SKU-' || lpad((1 + ((o.id * 7 + n * 13) % 200))::text, 4, '0'), 1 + n, 499 * n
    FROM orders AS o, generate_series(1, 2) AS n;
  ANALYZE;
END
$seed$;
