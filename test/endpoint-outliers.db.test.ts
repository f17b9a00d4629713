// GET /api/endpoints/outliers: what the slow requests of an endpoint have in common, from spans
// sent by the official SDK and exporter, counted in full on both sides.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import { describe, expect, inject, it } from "vitest";
import { outliersResponseSchema } from "@/lib/contracts/outlier-schemas";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const service = `outliers-${randomBytes(3).toString("hex")}`;
const now = Date.now();

/**
 * 40 requests to GET /search, one a second: requests 0 and 1 take 1 s, have search.mode "fuzzy"
 * and fail; the other 38 take 20 ms with search.mode "exact". Every request has its own
 * request.id (an id: left out) and the same http.request.method (on both sides: not telling).
 * Also customer.tier: "free" on the slow two and on 2 of the fast ones, "paid" on the rest.
 */
function record(tracer: Tracer): void {
  for (let i = 0; i < 40; i++) {
    const start = now - 5 * 60_000 + i * 1000;
    const slow = i < 2;
    const span = tracer.startSpan(
      "GET /search",
      {
        kind: SpanKind.SERVER,
        startTime: start,
        attributes: {
          "http.request.method": "GET",
          "http.route": "/search",
          "search.mode": slow ? "fuzzy" : "exact",
          "request.id": randomBytes(8).toString("hex"),
          "customer.tier": i < 4 ? "free" : "paid",
        },
      },
      ROOT_CONTEXT,
    );
    if (slow) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(start + (slow ? 1000 : 20));
  }
}

describe("GET /api/endpoints/outliers", () => {
  it("ranks the values shared by the slow requests first, with counts on both sides, ids left out", async () => {
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      record,
      { "service.name": service },
      { batched: true },
    );
    const query = new URLSearchParams({
      service,
      endpoint: "GET /search",
      from: String(now - 30 * 60_000),
      to: String(now + 60_000),
    });
    const body = await eventually(async () => {
      const response = await fetch(`${baseUrl}/api/endpoints/outliers?${query}`);
      expect(response.status).toBe(200);
      const parsed = outliersResponseSchema.parse(await response.json());
      expect(parsed.slowCount + parsed.restCount).toBe(40);
      return parsed;
    });
    expect(body.slowCount).toBe(2);
    expect(body.restCount).toBe(38);
    expect(body.thresholdMs).toBeCloseTo(20, 3);
    const [first, second, ...rest] = body.attributes;
    expect([first, second].map((a) => `${a?.key}=${a?.value}`).sort()).toEqual([
      "error=true",
      "search.mode=fuzzy",
    ]);
    expect(first).toMatchObject({ slowCount: 2, slowShare: 1, restCount: 0, restShare: 0 });
    expect(rest[0]).toMatchObject({
      key: "customer.tier",
      value: "free",
      slowCount: 2,
      slowShare: 1,
      restCount: 2,
    });
    expect(rest[0]?.restShare).toBeCloseTo(2 / 38, 9);
    expect(body.attributes.some((a) => a.key === "request.id")).toBe(false);
    expect(body.attributes.some((a) => a.key === "http.request.method")).toBe(false);
  });

  it("compares the requests of a chosen stretch of time with the rest of the window instead", async () => {
    // requests 2–5 (seconds 2 to 5): customer.tier "free" on 2 and 3, fast and without error
    const query = new URLSearchParams({
      service,
      endpoint: "GET /search",
      from: String(now - 30 * 60_000),
      to: String(now + 60_000),
      selectFrom: String(now - 5 * 60_000 + 2000),
      selectTo: String(now - 5 * 60_000 + 6000),
    });
    const response = await fetch(`${baseUrl}/api/endpoints/outliers?${query}`);
    expect(response.status).toBe(200);
    const body = outliersResponseSchema.parse(await response.json());
    expect(body).toMatchObject({
      selection: { from: now - 5 * 60_000 + 2000, to: now - 5 * 60_000 + 6000 },
      thresholdMs: null,
      slowCount: 4,
      restCount: 36,
    });
    expect(body.attributes[0]).toMatchObject({
      key: "customer.tier",
      value: "free",
      slowCount: 2,
      restCount: 2,
    });
    // what the slow requests share is not what the chosen stretch shares
    expect(body.attributes.some((a) => a.value === "fuzzy")).toBe(false);
  });

  it("refuses half a selection, or one that ends before it starts", async () => {
    const base = { service, endpoint: "GET /search" };
    const half = await fetch(
      `${baseUrl}/api/endpoints/outliers?${new URLSearchParams({ ...base, selectFrom: String(now) })}`,
    );
    expect(half.status).toBe(400);
    expect((await half.json()).error).toMatch(/selectFrom and selectTo go together/);
    const backwards = await fetch(
      `${baseUrl}/api/endpoints/outliers?${new URLSearchParams({ ...base, selectFrom: String(now), selectTo: String(now - 1) })}`,
    );
    expect(backwards.status).toBe(400);
  });

  it("asks for the endpoint it needs", async () => {
    const response = await fetch(`${baseUrl}/api/endpoints/outliers?service=${service}`);
    expect(response.status).toBe(400);
  });
});
