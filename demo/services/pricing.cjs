// pricing: prices and quotes. Two versions run side by side behind the frontend's round robin;
// 1.5.0 is the bad deploy: it reads every promotion and filters in JavaScript on each price
// lookup (an extra, larger query), so GET /prices/:sku is slower than on 1.4.0 (docs/demo.md).
require("./telemetry.cjs");
const express = require("express");
const { pool } = require("./database.cjs");
const { serve, ShopError, serviceVersion } = require("./service-host.cjs");

const badDeploy = serviceVersion === "1.5.0";
const app = express();

app.get("/prices/:sku", async (request, response) => {
  const { rows } = await pool.query("SELECT sku, price_cents FROM products WHERE sku = $1", [
    request.params.sku,
  ]);
  const product = rows[0];
  if (!product) throw new ShopError(404, `no product ${request.params.sku}`);
  const percentOff = badDeploy
    ? await bestPromotionScanningAll(product.sku)
    : await bestPromotion(product.sku);
  response.json({ sku: product.sku, priceCents: Math.round(product.price_cents * (1 - percentOff / 100)) });
});

// The same in both versions: the fast path the bad deploy did not touch.
app.get("/quote", async (request, response) => {
  const skus = String(request.query.skus ?? "")
    .split(",")
    .filter(Boolean);
  const { rows } = await pool.query("SELECT sku, price_cents FROM products WHERE sku = ANY($1)", [skus]);
  response.json({ totalCents: rows.reduce((sum, row) => sum + row.price_cents, 0), lines: rows.length });
});

async function bestPromotion(sku) {
  const { rows } = await pool.query(
    "SELECT coalesce(max(percent_off), 0) AS percent_off FROM promotions WHERE sku = $1 AND now() BETWEEN starts_at AND ends_at",
    [sku],
  );
  return rows[0].percent_off;
}

async function bestPromotionScanningAll(sku) {
  const { rows } = await pool.query("SELECT sku, percent_off, starts_at, ends_at FROM promotions");
  const now = Date.now();
  return rows
    .filter((row) => row.sku === sku && row.starts_at.getTime() <= now && now <= row.ends_at.getTime())
    .reduce((best, row) => Math.max(best, row.percent_off), 0);
}

serve(app, { onShutdown: () => pool.end() });
