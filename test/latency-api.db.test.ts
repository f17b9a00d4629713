// The latency API end to end: requests sent with the official exporter, read back through
// /api/services, /api/endpoints, /api/endpoints/timeseries and /api/endpoints/exemplars, with
// quantiles checked against exact values computed by PostgreSQL over the same raw spans.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  endpointsResponseSchema,
  exemplarsResponseSchema,
  servicesResponseSchema,
  timeseriesResponseSchema,
} from "@/lib/contracts/endpoint-schemas";
import { normalFrom, seededRandom } from "@/test/support/random";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
afterAll(() => db.end());

const service = `latency-${randomBytes(3).toString("hex")}`;
const MINUTE = 60_000;
const now = Date.now();
const windowFrom = Math.floor((now - 40 * MINUTE) / MINUTE) * MINUTE;
const windowTo = Math.ceil((now + MINUTE) / MINUTE) * MINUTE;

const rand = seededRandom(7);
const normal = () => normalFrom(rand);

/**
 * Requests spread over the last 30 minutes:
 *   GET /orders/{id}   lognormal ~40 ms, every 10th ERROR
 *   POST /checkout     bimodal 3 ms / 400 ms, every 20th answered 503
 *   GET /health        sub-millisecond
 * each SERVER span with a CLIENT child that must not count as a request.
 */
function recordRequests(tracer: Tracer): void {
  const shapes: Array<[string, string, () => number]> = [
    ["GET", "/orders/{id}", () => 40 * Math.exp(0.5 * normal())],
    [
      "POST",
      "/checkout",
      () => (rand() < 0.7 ? 3 * Math.exp(0.2 * normal()) : 400 * Math.exp(0.3 * normal())),
    ],
    ["GET", "/health", () => 0.05 + rand() * 0.5],
  ];
  for (let i = 0; i < 900; i++) {
    const [method, route, draw] = shapes[i % 3] as [string, string, () => number];
    const startMs = now - 30 * MINUTE + i * 2000;
    const durationMs = draw();
    const status = route === "/checkout" && i % 20 === 1 ? 503 : 200;
    const span = tracer.startSpan(
      `${method} ${route}`,
      {
        kind: SpanKind.SERVER,
        startTime: startMs,
        attributes: {
          "http.request.method": method,
          "http.route": route,
          "http.response.status_code": status,
        },
      },
      ROOT_CONTEXT,
    );
    if (route === "/orders/{id}" && i % 10 === 0) span.setStatus({ code: SpanStatusCode.ERROR });
    const child = tracer.startSpan(
      "SELECT",
      { kind: SpanKind.CLIENT, startTime: startMs, attributes: { "http.response.status_code": 500 } },
      trace.setSpan(ROOT_CONTEXT, span),
    );
    child.end(startMs + durationMs / 2);
    span.end(startMs + durationMs);
  }
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.json();
}

const range = `from=${windowFrom}&to=${windowTo}`;

beforeAll(async () => {
  await sendSpans(
    makeExporter("http/protobuf", otlpHttpUrl),
    recordRequests,
    { "service.name": service },
    { batched: true },
  );
});

describe("GET /api/endpoints", () => {
  it("reports count, errors and p50/p95/p99 per endpoint within 2% of exact percentiles over the raw spans", async () => {
    const body = endpointsResponseSchema.parse(await getJson(`/api/endpoints?service=${service}&${range}`));
    expect(body.endpoints.map((e) => e.endpoint).sort()).toEqual([
      "GET /health",
      "GET /orders/{id}",
      "POST /checkout",
    ]);

    const exact = await db.query<{ endpoint: string; n: number; errors: number; p: string[] }>(
      `SELECT endpoint, count(*)::int AS n,
              count(*) FILTER (WHERE status_code = 2 OR http_status_code >= 500)::int AS errors,
              percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_nano)::text[] AS p
       FROM spans WHERE service_name = $1 AND kind = 2 GROUP BY endpoint`,
      [service],
    );
    for (const row of exact.rows) {
      const reported = body.endpoints.find((e) => e.endpoint === row.endpoint);
      expect(reported, row.endpoint).toBeDefined();
      if (!reported) continue;
      expect(reported.count).toBe(row.n);
      expect(reported.errorCount).toBe(row.errors);
      expect(reported.errorRate).toBeCloseTo(row.errors / row.n, 10);
      expect(reported.cacheHitRatio).toBeNull();
      const [p50, p95, p99] = row.p.map((nanos) => Number(nanos) / 1e6);
      for (const [name, got, want] of [
        ["p50", reported.p50Ms, p50],
        ["p95", reported.p95Ms, p95],
        ["p99", reported.p99Ms, p99],
      ] as const) {
        expect(
          Math.abs((got as number) - (want as number)) / (want as number),
          `${row.endpoint} ${name}`,
        ).toBeLessThanOrEqual(0.02);
      }
    }
    // The error rules: 30 ERROR statuses on /orders, 15 HTTP 503 on /checkout, CLIENT 500s ignored.
    expect(body.endpoints.find((e) => e.endpoint === "GET /orders/{id}")?.errorCount).toBe(30);
    expect(body.endpoints.find((e) => e.endpoint === "POST /checkout")?.errorCount).toBe(15);
  });

  it("does not count a retried export twice", async () => {
    const before = endpointsResponseSchema.parse(await getJson(`/api/endpoints?service=${service}&${range}`));
    // Re-send identical spans (same ids) as an exporter retry would.
    const retry = await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        const span = tracer.startSpan("GET /once", {
          kind: SpanKind.SERVER,
          startTime: now - MINUTE,
          attributes: { "http.request.method": "GET", "http.route": "/once" },
        });
        span.end(now - MINUTE + 5);
      },
      { "service.name": service },
    );
    const exporter = makeExporter("http/protobuf", otlpHttpUrl);
    await new Promise<void>((resolve) => exporter.export(retry, () => resolve()));
    await new Promise<void>((resolve) => exporter.export(retry, () => resolve()));
    const after = endpointsResponseSchema.parse(await getJson(`/api/endpoints?service=${service}&${range}`));
    expect(after.endpoints.find((e) => e.endpoint === "GET /once")?.count).toBe(1);
    const total = (r: typeof after) => r.endpoints.reduce((n, e) => n + e.count, 0);
    expect(total(after)).toBe(total(before) + 1);
  });

  it("lists every service when no service is given, and answers 400 for bad parameters", async () => {
    const all = endpointsResponseSchema.parse(await getJson(`/api/endpoints?${range}`));
    expect(all.endpoints.some((e) => e.service === service)).toBe(true);
    for (const query of ["from=yesterday", `from=${windowTo}&to=${windowFrom}`, "to=2026-13-45T00:00:00Z"]) {
      const response = await fetch(`${baseUrl}/api/endpoints?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error).toBeTruthy();
    }
  });
});

describe("GET /api/endpoints/timeseries", () => {
  it("gives one point per step whose counts add up to the endpoint's total, with quantiles where there were requests", async () => {
    const path = `/api/endpoints/timeseries?service=${service}&endpoint=${encodeURIComponent("GET /orders/{id}")}&${range}`;
    const body = timeseriesResponseSchema.parse(await getJson(path));
    expect(body.stepMs).toBe(MINUTE); // auto step for a 41-minute window
    expect(body.points).toHaveLength((windowTo - windowFrom) / MINUTE);
    expect(body.points.reduce((n, p) => n + p.count, 0)).toBe(300);
    expect(body.points.reduce((n, p) => n + p.errorCount, 0)).toBe(30);
    for (const point of body.points) {
      if (point.count === 0) expect(point.p95Ms).toBeNull();
      else expect(point.p50Ms as number).toBeLessThanOrEqual(point.p99Ms as number);
    }
    const fiveMinutes = timeseriesResponseSchema.parse(await getJson(`${path}&step=300000`));
    expect(fiveMinutes.points.reduce((n, p) => n + p.count, 0)).toBe(300);
  });

  it("answers 400 for a missing endpoint or a step that is not whole minutes", async () => {
    expect((await fetch(`${baseUrl}/api/endpoints/timeseries?service=${service}`)).status).toBe(400);
    const bad = await fetch(`${baseUrl}/api/endpoints/timeseries?service=${service}&endpoint=x&step=90000`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/whole number of minutes/);
  });
});

describe("GET /api/services", () => {
  it("summarises the service with request rate, error rate and a sparkline", async () => {
    const body = servicesResponseSchema.parse(await getJson(`/api/services?${range}`));
    const summary = body.services.find((s) => s.service === service);
    expect(summary).toBeDefined();
    expect(summary?.count).toBeGreaterThanOrEqual(900);
    expect(summary?.requestRate).toBeCloseTo((summary?.count ?? 0) / ((windowTo - windowFrom) / 1000), 6);
    expect(summary?.sparkline.reduce((n, p) => n + p.count, 0)).toBe(summary?.count);
    expect(summary?.p99Ms).not.toBeNull();
  });
});

describe("GET /api/endpoints/exemplars", () => {
  it("lists the slowest requests of the window, slowest first, as trace links", async () => {
    const body = exemplarsResponseSchema.parse(
      await getJson(
        `/api/endpoints/exemplars?service=${service}&endpoint=${encodeURIComponent("POST /checkout")}&${range}&limit=5`,
      ),
    );
    expect(body.exemplars).toHaveLength(5);
    const durations = body.exemplars.map((e) => e.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    const trace = await fetch(`${baseUrl}/api/traces/${body.exemplars[0]?.traceId}`);
    expect(trace.status).toBe(200);
  });
});
