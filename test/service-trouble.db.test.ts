// The overview's "trouble" figures end to end: requests sent with the official exporter over two
// windows of ten minutes, read back through /api/services, which compares each service's error
// rate and p95 with the previous window of the same length and charts errors and p95 per step.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  endpointsResponseSchema,
  exemplarsResponseSchema,
  servicesResponseSchema,
} from "@/lib/contracts/endpoint-schemas";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const service = `trouble-${randomBytes(3).toString("hex")}`;
const MINUTE = 60_000;
const to = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE;
const from = to - 10 * MINUTE;

/**
 * previous window [from-10m, from): 40 requests of 50 ms, none failed
 * this window     [from, to):       40 requests of 300 ms, every 4th ERROR (25 %)
 */
function recordRequests(tracer: Tracer): void {
  for (let i = 0; i < 80; i++) {
    const current = i >= 40;
    const start = from - 10 * MINUTE + i * 15_000 + 1000;
    const span = tracer.startSpan(
      "GET /pay",
      {
        kind: SpanKind.SERVER,
        startTime: start,
        attributes: { "http.request.method": "GET", "http.route": "/pay", "http.response.status_code": 200 },
      },
      ROOT_CONTEXT,
    );
    if (current && i % 4 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: "card declined" });
    span.end(start + (current ? 300 : 50));
  }
}

beforeAll(async () => {
  await sendSpans(
    makeExporter("http/protobuf", otlpHttpUrl),
    recordRequests,
    { "service.name": service },
    { batched: true },
  );
});

describe("GET /api/services: the previous window and the trouble sparklines", () => {
  it("gives this window's errors and p95 beside the previous window's", async () => {
    const response = await fetch(`${baseUrl}/api/services?from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    const body = servicesResponseSchema.parse(await response.json());
    const summary = body.services.find((s) => s.service === service);
    expect(summary?.count).toBe(40);
    expect(summary?.errorCount).toBe(10);
    expect(summary?.previous?.count).toBe(40);
    expect(summary?.previous?.errorCount).toBe(0);
    expect(summary?.previous?.errorRate).toBe(0);
    // Histogram buckets are within 1.5 % of the true value.
    expect(summary?.previous?.p95Ms).toBeGreaterThan(49);
    expect(summary?.previous?.p95Ms).toBeLessThan(51);
    expect(summary?.p95Ms).toBeGreaterThan(295);
    const sparkline = summary?.sparkline ?? [];
    expect(sparkline.reduce((n, p) => n + p.errorCount, 0)).toBe(10);
    for (const point of sparkline) {
      if (point.count > 0) expect(point.p95Ms).toBeGreaterThan(295);
      else expect(point.p95Ms).toBeNull();
    }
  });

  it("gives each endpoint its previous window's error rate and p95 too", async () => {
    const response = await fetch(`${baseUrl}/api/endpoints?service=${service}&from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    const body = endpointsResponseSchema.parse(await response.json());
    const pay = body.endpoints.find((e) => e.endpoint === "GET /pay");
    expect(pay?.errorRate).toBe(0.25);
    expect(pay?.previous?.count).toBe(40);
    expect(pay?.previous?.errorRate).toBe(0);
    expect(pay?.previous?.p95Ms).toBeGreaterThan(49);
    expect(pay?.previous?.p95Ms).toBeLessThan(51);
  });

  it("lists the failed requests (errors=1), newest first, and only those", async () => {
    const response = await fetch(
      `${baseUrl}/api/endpoints/exemplars?service=${service}&endpoint=${encodeURIComponent("GET /pay")}&from=${from}&to=${to}&errors=1&limit=100`,
    );
    expect(response.status).toBe(200);
    const body = exemplarsResponseSchema.parse(await response.json());
    expect(body.exemplars).toHaveLength(10);
    expect(body.exemplars.every((e) => e.error)).toBe(true);
    const starts = body.exemplars.map((e) => BigInt(e.startTimeUnixNano));
    expect(starts).toEqual([...starts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });
});
