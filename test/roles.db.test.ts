// TRACEWELL_ROLES splits one Tracewell into processes sharing one database: here an ingest-only
// process receives spans from the official exporter, and a web+worker process serves them and
// runs the analysis (cache attribution) over them.
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { makeExporter, sendSpans } from "@/test/support/send-spans";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

let database: TestDatabase;
let ingest: TracewellProcess;
let web: TracewellProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  // Both start at once: migrations are applied once, under the advisory lock.
  [ingest, web] = await Promise.all([
    startTracewellProcess({ databaseUrl: database.url, env: { TRACEWELL_ROLES: "ingest" } }),
    startTracewellProcess({
      databaseUrl: database.url,
      env: { TRACEWELL_ROLES: "web,worker", ANALYSIS_QUIET_PERIOD: "500ms" },
    }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([ingest?.stop(), web?.stop()]);
  await database?.drop();
});

describe("roles", () => {
  it("runs only the listeners of its roles", () => {
    expect(ingest.ports.port).toBeNull();
    expect(ingest.ports.otlpHttpPort).toEqual(expect.any(Number));
    expect(ingest.ports.otlpGrpcPort).toEqual(expect.any(Number));
    expect(web.ports.port).toEqual(expect.any(Number));
    expect(web.ports.otlpHttpPort).toBeNull();
    expect(web.ports.otlpGrpcPort).toBeNull();
  });

  it("an ingest process stores what a web+worker process serves and analyses", async () => {
    const now = Date.now();
    /**
     *   GET /cart     SERVER
     *   └── cache get  CLIENT  cache.hit = true on 3 of 4 requests
     */
    await sendSpans(
      makeExporter("http/protobuf", ingest.otlpHttpUrl),
      (tracer) => {
        for (let i = 0; i < 4; i++) {
          const start = now - 5_000 + i * 10;
          const root = tracer.startSpan(
            "GET /cart",
            {
              kind: SpanKind.SERVER,
              startTime: start,
              attributes: { "http.request.method": "GET", "http.route": "/cart" },
            },
            ROOT_CONTEXT,
          );
          tracer
            .startSpan(
              "cache get",
              { kind: SpanKind.CLIENT, startTime: start + 1, attributes: { "cache.hit": i !== 0 } },
              trace.setSpan(ROOT_CONTEXT, root),
            )
            .end(start + 2);
          root.end(start + 5);
        }
      },
      { "service.name": "roles-shop" },
    );

    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await fetch(
        `${web.baseUrl}/api/endpoints?service=roles-shop&from=${now - 60_000}&to=${now + 60_000}`,
      );
      const cart = endpointsResponseSchema.parse(await response.json()).endpoints[0];
      if (cart?.cacheHitRatio !== null && cart?.cacheHitRatio !== undefined) {
        expect(cart).toMatchObject({ endpoint: "GET /cart", count: 4, cacheLookups: 4, cacheHitRatio: 0.75 });
        break;
      }
      if (Date.now() > deadline) throw new Error(`no cache ratio from the worker: ${JSON.stringify(cart)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
});
