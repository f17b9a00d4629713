// inventory: stock levels behind a cache-aside layer (in-process, or Redis with REDIS_URL), and
// reservations for the fulfilment job. Exhibits: cache hits and misses with a TTL, a flush that
// empties the cache (the launcher calls POST /admin/cache/flush), occasional errors and stalls.
require("./telemetry.cjs");
const express = require("express");
const { pool } = require("./database.cjs");
const { createCache, cacheAside } = require("./cache.cjs");
const { serve, meter, ShopError, sleep } = require("./service-host.cjs");

const cache = createCache({ ttlMs: 300_000 });
meter
  .createObservableGauge("shop.cache.entries", { description: "Entries in the inventory cache" })
  .addCallback((result) => result.observe(cache.size(), { "cache.system": cache.system }));

const app = express();
app.use(express.json());

let lookups = 0;
app.get("/stock/:sku", async (request, response) => {
  // 2 % of lookups fail, 2 % stall past the frontend's timeout: the errors and timeouts exhibit.
  // Counted, not random: one lookup in 50 fails, starting with the first, so even a short run
  // (the demo's test, a slow machine) shows an error.
  const turn = lookups++ % 50;
  if (turn === 0) throw new ShopError(500, "stock ledger unavailable (simulated)");
  if (turn === 25) await sleep(1_500);
  const stock = await cacheAside(cache, `stock:${request.params.sku}`, async () => {
    const { rows } = await pool.query("SELECT sku, warehouse, quantity FROM stock WHERE sku = $1", [
      request.params.sku,
    ]);
    if (!rows[0]) throw new ShopError(404, `no stock for ${request.params.sku}`);
    return rows[0];
  });
  response.json(stock);
});

app.post("/reservations", async (request, response) => {
  const skus = Array.isArray(request.body?.skus) ? request.body.skus.map(String) : [];
  const { rowCount } = await pool.query(
    "UPDATE stock SET quantity = greatest(quantity - 1, 0) WHERE sku = ANY($1)",
    [skus],
  );
  response.status(201).json({ reserved: rowCount });
});

app.post("/admin/cache/flush", async (_request, response) => {
  await cache.flush();
  response.json({ flushed: true });
});

serve(app, { onShutdown: () => Promise.all([pool.end(), cache.close()]).then(() => undefined) });
