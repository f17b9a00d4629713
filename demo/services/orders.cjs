// orders: order history, search, checkout, and the fulfilment worker. Exhibits (docs/demo.md):
// - N+1: GET /customers/:id/orders/n-plus-one runs one items query per order; its twin
//   GET /customers/:id/orders fetches every order's items in one query;
// - slow unindexed query: GET /orders/search scans lower(orders.shipping_email) (no index); its
//   twin GET /orders/search-indexed answers the same through the indexed customers.email;
// - slow background job: POST /orders enqueues a fulfilment job (PRODUCER span, trace context
//   stored with the job); the worker claims it and processes it under a CONSUMER span.
require("./telemetry.cjs");
const express = require("express");
const { context, propagation, trace, SpanKind, SpanStatusCode } = require("@opentelemetry/api");
const { pool } = require("./database.cjs");
const { serve, meter, ShopError, sleep } = require("./service-host.cjs");

const tracer = trace.getTracer("tracewell-demo-orders");
const ordersPlaced = meter.createCounter("shop.orders.placed", { description: "Orders placed" });
let queueDepth = 0;
meter
  .createObservableGauge("shop.fulfilment.queue_depth", { description: "Fulfilment jobs waiting" })
  .addCallback((result) => result.observe(queueDepth));

const inventoryUrl = process.env.DEMO_INVENTORY_URL;
const app = express();
app.use(express.json());

// The shop's database answers in ~0.3 ms on loopback; behind a network each round trip costs a few
// milliseconds, which is what makes an N+1 expensive in production. pg_sleep(0.003) stands in for
// that round trip in both versions, so the N+1's 20 queries cost what they would for real.
app.get("/customers/:id/orders/n-plus-one", async (request, response) => {
  const orders = await recentOrders(request.params.id);
  for (const order of orders) {
    const { rows } = await pool.query(
      "SELECT sku, quantity, price_cents FROM order_items, pg_sleep(0.003) WHERE order_id = $1",
      [order.id],
    );
    order.items = rows;
  }
  response.json({ orders });
});

app.get("/customers/:id/orders", async (request, response) => {
  const orders = await recentOrders(request.params.id);
  const { rows } = await pool.query(
    "SELECT order_id, sku, quantity, price_cents FROM order_items, pg_sleep(0.003) WHERE order_id = ANY($1)",
    [orders.map((order) => order.id)],
  );
  for (const order of orders) order.items = rows.filter((row) => row.order_id === order.id);
  response.json({ orders });
});

function recentOrders(customerId) {
  return pool
    .query(
      "SELECT id, reference, status, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20",
      [Number(customerId)],
    )
    .then((result) => result.rows);
}

app.get("/orders/search", async (request, response) => {
  const { rows } = await pool.query(
    // Case-insensitive on a column without an index: every search reads all 100,000 orders.
    "SELECT id, reference FROM orders WHERE lower(shipping_email) = lower($1) ORDER BY created_at DESC LIMIT 20",
    [String(request.query.email ?? "")],
  );
  response.json({ orders: rows });
});

app.get("/orders/search-indexed", async (request, response) => {
  const { rows } = await pool.query(
    `SELECT o.id, o.reference FROM customers AS c JOIN orders AS o ON o.customer_id = c.id
     WHERE c.email = lower($1) ORDER BY o.created_at DESC LIMIT 20`,
    [String(request.query.email ?? "")],
  );
  response.json({ orders: rows });
});

// The product page's two reads of the order history. A real shop answers them from an analytics
// store a network hop away, ~120 ms each; pg_sleep(0.12) stands in for that (the shop's own tables
// answer in ~1 ms on loopback), so the sequential-calls exhibit costs what it would in production:
// one after another the two cost ~240 ms, at once ~120 ms, and Insights flags the staircase at its
// default 100 ms floor (docs/demo.md).
app.get("/products/:sku/popularity", async (request, response) => {
  const { rows } = await pool.query(
    "SELECT count(*)::int AS orders FROM order_items, pg_sleep(0.12) WHERE sku = $1",
    [request.params.sku],
  );
  response.json({ sku: request.params.sku, orders: rows[0].orders });
});

app.get("/products/:sku/also-bought", async (request, response) => {
  const { rows } = await pool.query(
    `SELECT other.sku, count(*)::int AS orders
     FROM order_items AS mine JOIN order_items AS other ON other.order_id = mine.order_id AND other.sku <> mine.sku,
          pg_sleep(0.12)
     WHERE mine.sku = $1 GROUP BY other.sku ORDER BY orders DESC, other.sku LIMIT 5`,
    [request.params.sku],
  );
  response.json({ sku: request.params.sku, alsoBought: rows.map((row) => row.sku) });
});

app.post("/orders", async (request, response) => {
  const customerId = Number(request.body?.customerId);
  const skus = Array.isArray(request.body?.skus) ? request.body.skus.map(String) : [];
  if (!Number.isInteger(customerId) || skus.length === 0)
    throw new ShopError(400, "customerId and skus required");
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const reference = `WEB-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const { rows } = await client.query(
      `INSERT INTO orders (customer_id, reference, shipping_email, shipping_address)
       SELECT id, $2, email, 'web order' FROM customers WHERE id = $1 RETURNING id`,
      [customerId, reference],
    );
    const orderId = rows[0]?.id;
    if (orderId === undefined) throw new ShopError(404, `no customer ${customerId}`);
    await client.query(
      "INSERT INTO order_items (order_id, sku, quantity, price_cents) SELECT $1, sku, 1, price_cents FROM products WHERE sku = ANY($2)",
      [orderId, skus],
    );
    await tracer.startActiveSpan(
      "fulfilment publish",
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          "messaging.system": "postgresql",
          "messaging.destination.name": "fulfilment",
          "messaging.operation.type": "send",
        },
      },
      async (span) => {
        const carrier = {};
        propagation.inject(context.active(), carrier);
        await client.query("INSERT INTO fulfilment_jobs (order_id, traceparent) VALUES ($1, $2)", [
          orderId,
          carrier.traceparent ?? null,
        ]);
        span.end();
      },
    );
    await client.query("COMMIT");
    ordersPlaced.add(1, { "order.channel": "web" });
    response.status(201).json({ orderId, reference });
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
});

// The fulfilment worker: claims one job at a time and takes its time (a slow carrier API).
let working = true;
const worker = (async () => {
  while (working) {
    const job = await claimJob().catch(() => null);
    if (job) await fulfil(job).catch(() => {});
    else await sleep(250);
  }
})();

async function claimJob() {
  const { rows } = await pool.query(
    `UPDATE fulfilment_jobs SET state = 'running'
     WHERE id = (SELECT id FROM fulfilment_jobs WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, order_id, traceparent, (SELECT count(*) FROM fulfilment_jobs WHERE state = 'queued')::int AS waiting`,
  );
  if (rows[0]) queueDepth = rows[0].waiting;
  return rows[0] ?? null;
}

function fulfil(job) {
  // Continue the checkout's trace: the CONSUMER span is a child of the PRODUCER span.
  const parent = propagation.extract(
    context.active(),
    job.traceparent ? { traceparent: job.traceparent } : {},
  );
  return tracer.startActiveSpan(
    "fulfilment process",
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        "messaging.system": "postgresql",
        "messaging.destination.name": "fulfilment",
        "messaging.operation.type": "process",
        "messaging.message.id": String(job.id),
      },
    },
    parent,
    async (span) => {
      try {
        const { rows } = await pool.query("SELECT sku FROM order_items WHERE order_id = $1", [job.order_id]);
        const reserved = await fetch(`${inventoryUrl}/reservations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ skus: rows.map((row) => row.sku) }),
        });
        if (!reserved.ok) throw new Error(`inventory answered ${reserved.status}`);
        await tracer.startActiveSpan("carrier create label", async (label) => {
          await sleep(300 + Math.random() * 600);
          label.end();
        });
        if (Math.random() < 0.03) throw new Error("carrier rejected the address (simulated)");
        await pool.query("UPDATE fulfilment_jobs SET state = 'done' WHERE id = $1", [job.id]);
        await pool.query("UPDATE orders SET status = 'shipped' WHERE id = $1", [job.order_id]);
      } catch (error) {
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        await pool.query("UPDATE fulfilment_jobs SET state = 'failed' WHERE id = $1", [job.id]);
      } finally {
        span.end();
      }
    },
  );
}

serve(app, {
  onShutdown: async () => {
    working = false;
    await worker;
    await pool.end();
  },
});
