// GET /api/compare: before and after a deploy, from spans sent by the official SDK and exporter
// under two service.versions — the slower endpoint is flagged, the unchanged one is not, and each
// side carries its cache hit ratio. GET /api/services/versions lists the two versions.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, type Tracer } from "@opentelemetry/api";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { compareResponseSchema } from "@/lib/contracts/compare-schemas";
import { serviceVersionsResponseSchema } from "@/lib/contracts/version-schemas";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const service = `compare-${randomBytes(3).toString("hex")}`;
const now = Date.now();
const versionStart = { "1.0.0": now - 20 * 60_000, "1.1.0": now - 10 * 60_000 };

/**
 * Each version serves 60 requests to GET /pay and 60 to GET /list, one every 5 s from its start
 * (1.0.0 twenty minutes ago, 1.1.0 ten). GET /list takes 30–39 ms in both; GET /pay 20–29 ms
 * in 1.0.0 and 80–89 ms in 1.1.0. GET /list answers from a cache (its `x-cache` response header):
 * a miss on every fourth request in 1.0.0, never in 1.1.0.
 */
const record = (version: "1.0.0" | "1.1.0") => (tracer: Tracer) => {
  for (let i = 0; i < 60; i++) {
    const at = versionStart[version] + i * 5000;
    for (const [route, base] of [
      ["/pay", version === "1.0.0" ? 20 : 80],
      ["/list", 30],
    ] as const) {
      tracer
        .startSpan(
          `GET ${route}`,
          {
            kind: SpanKind.SERVER,
            startTime: at,
            attributes: {
              "http.request.method": "GET",
              "http.route": route,
              ...(route === "/list"
                ? { "http.response.header.x-cache": [version === "1.0.0" && i % 4 === 0 ? "MISS" : "HIT"] }
                : {}),
            },
          },
          ROOT_CONTEXT,
        )
        .end(at + base + (i % 10));
    }
  }
};

beforeAll(async () => {
  for (const version of ["1.0.0", "1.1.0"] as const) {
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      record(version),
      { "service.name": service, "service.version": version },
      { batched: true },
    );
  }
});

const compare = async (extra: Record<string, string> = {}) => {
  const query = new URLSearchParams({
    service,
    from: String(now - 30 * 60_000),
    to: String(now + 60_000),
    ...extra,
  });
  const response = await fetch(`${baseUrl}/api/compare?${query}`);
  return { status: response.status, body: await response.json() };
};

describe("GET /api/compare", () => {
  it("defaults to the newest version against the previous one, flagging only the slower endpoint", async () => {
    const body = await eventually(async () => {
      const { status, body } = await compare();
      expect(status).toBe(200);
      const parsed = compareResponseSchema.parse(body);
      expect(parsed.endpoints.map((e) => e.candidate.count)).toEqual([60, 60]);
      return parsed;
    });
    expect(body.baseline).toBe("version:1.0.0");
    expect(body.candidate).toBe("version:1.1.0");
    const [pay, list] = body.endpoints;
    expect(pay).toMatchObject({ endpoint: "GET /pay", change: { significant: true, direction: "slower" } });
    expect(pay?.baseline).toMatchObject({ count: 60, errorRate: 0 });
    expect(pay?.baseline.p95Ms).toBeCloseTo(29, 3);
    expect(pay?.candidate.p95Ms).toBeCloseTo(89, 3);
    expect(list).toMatchObject({ endpoint: "GET /list", change: { significant: false, direction: "same" } });
  });

  it("compares two time ranges the same way, and explains a malformed side", async () => {
    const half = versionStart["1.1.0"];
    const { body } = await compare({
      baseline: `range:${now - 30 * 60_000}-${half}`,
      candidate: `range:${half}-${now + 60_000}`,
    });
    const parsed = compareResponseSchema.parse(body);
    expect(parsed.endpoints.find((e) => e.endpoint === "GET /pay")?.change.direction).toBe("slower");
    const bad = await compare({ baseline: "v1", candidate: "version:1.1.0" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("version:VERSION or range:FROM-TO");
  });

  it("gives each side's cache hit ratio, from the lookups attributed to its requests", async () => {
    const list = await eventually(async () => {
      const found = compareResponseSchema
        .parse((await compare()).body)
        .endpoints.find((e) => e.endpoint === "GET /list");
      // cache attribution runs once each trace has been quiet
      expect(found?.candidate.cacheLookups).toBe(60);
      expect(found?.baseline.cacheLookups).toBe(60);
      return found;
    });
    expect(list?.baseline.cacheHitRatio).toBe(45 / 60);
    expect(list?.candidate.cacheHitRatio).toBe(1);
    const pay = compareResponseSchema
      .parse((await compare()).body)
      .endpoints.find((e) => e.endpoint === "GET /pay");
    expect(pay?.baseline).toMatchObject({ cacheLookups: 0, cacheHitRatio: null });
  });
});

describe("GET /api/services/versions", () => {
  const versions = async (query: Record<string, string>) => {
    const response = await fetch(`${baseUrl}/api/services/versions?${new URLSearchParams(query)}`);
    return { status: response.status, body: await response.json() };
  };

  it("lists the service's versions first seen first, with when each was first and last seen", async () => {
    const body = await eventually(async () => {
      const { status, body } = await versions({
        service,
        from: String(now - 30 * 60_000),
        to: String(now + 60_000),
      });
      expect(status).toBe(200);
      const parsed = serviceVersionsResponseSchema.parse(body);
      expect(parsed.versions.map((v) => v.requests)).toEqual([120, 120]);
      return parsed;
    });
    expect(body.versions).toEqual([
      {
        version: "1.0.0",
        firstSeen: versionStart["1.0.0"],
        lastSeen: versionStart["1.0.0"] + 59 * 5000,
        requests: 120,
      },
      {
        version: "1.1.0",
        firstSeen: versionStart["1.1.0"],
        lastSeen: versionStart["1.1.0"] + 59 * 5000,
        requests: 120,
      },
    ]);
  });

  it("only counts the window, and asks for a service", async () => {
    const { body } = await versions({
      service,
      from: String(versionStart["1.1.0"]),
      to: String(now + 60_000),
    });
    expect(serviceVersionsResponseSchema.parse(body).versions.map((v) => v.version)).toEqual(["1.1.0"]);
    const missing = await versions({});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("service");
  });
});
