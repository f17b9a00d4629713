// frontend: the shop's public HTTP API, the one the load generator drives. It calls the other
// services over HTTP with fetch (undici spans; trace context propagates in the headers).
// Exhibits: GET /products/:sku makes its four independent calls one after another, its twin
// GET /products/:sku/parallel makes them at once; calls to inventory time out after 800 ms.
require("./telemetry.cjs");
const express = require("express");
const { serve, ShopError } = require("./service-host.cjs");

const ordersUrl = process.env.DEMO_ORDERS_URL;
const inventoryUrl = process.env.DEMO_INVENTORY_URL;
// Two pricing deployments (the old and the new version) behind a round robin, as during a canary.
const pricingUrls = String(process.env.DEMO_PRICING_URLS).split(",");
let nextPricing = 0;
const pricingUrl = () => pricingUrls[nextPricing++ % pricingUrls.length];

const INVENTORY_TIMEOUT_MS = 800;

async function call(url, init = {}, timeoutMs = 5_000) {
  let response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error.name === "TimeoutError")
      throw new ShopError(504, `${new URL(url).pathname} timed out after ${timeoutMs} ms`);
    throw new ShopError(502, `${new URL(url).pathname} failed: ${error.message}`);
  }
  const body = await response.json();
  if (!response.ok)
    throw new ShopError(
      response.status >= 500 ? 502 : response.status,
      body.error ?? `HTTP ${response.status}`,
    );
  return body;
}

const stockOf = (sku) => call(`${inventoryUrl}/stock/${sku}`, {}, INVENTORY_TIMEOUT_MS);
const priceOf = (sku) => call(`${pricingUrl()}/prices/${sku}`);
const popularityOf = (sku) => call(`${ordersUrl}/products/${sku}/popularity`);
const alsoBoughtOf = (sku) => call(`${ordersUrl}/products/${sku}/also-bought`);

const app = express();
app.use(express.json());

app.get("/products/:sku", async (request, response) => {
  const { sku } = request.params;
  const stock = await stockOf(sku);
  const price = await priceOf(sku);
  const popularity = await popularityOf(sku);
  const alsoBought = await alsoBoughtOf(sku);
  response.json({ sku, stock, price, popularity, alsoBought });
});

app.get("/products/:sku/parallel", async (request, response) => {
  const { sku } = request.params;
  const [stock, price, popularity, alsoBought] = await Promise.all([
    stockOf(sku),
    priceOf(sku),
    popularityOf(sku),
    alsoBoughtOf(sku),
  ]);
  response.json({ sku, stock, price, popularity, alsoBought });
});

app.get("/account/:customerId/orders", async (request, response) => {
  response.json(await call(`${ordersUrl}/customers/${request.params.customerId}/orders/n-plus-one`));
});

app.get("/account/:customerId/orders/batched", async (request, response) => {
  response.json(await call(`${ordersUrl}/customers/${request.params.customerId}/orders`));
});

app.get("/search", async (request, response) => {
  const email = encodeURIComponent(String(request.query.email ?? ""));
  response.json(await call(`${ordersUrl}/orders/search?email=${email}`));
});

app.get("/search/indexed", async (request, response) => {
  const email = encodeURIComponent(String(request.query.email ?? ""));
  response.json(await call(`${ordersUrl}/orders/search-indexed?email=${email}`));
});

app.post("/checkout", async (request, response) => {
  const { customerId, skus } = request.body ?? {};
  if (!Array.isArray(skus) || skus.length === 0)
    throw new ShopError(400, "send {customerId, skus: [sku, …]}");
  const quote = await call(`${pricingUrl()}/quote?skus=${encodeURIComponent(skus.join(","))}`);
  const order = await call(`${ordersUrl}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customerId, skus }),
  });
  response.status(201).json({ ...order, totalCents: quote.totalCents });
});

serve(app);
