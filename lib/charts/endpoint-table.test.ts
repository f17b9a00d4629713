import { describe, expect, it } from "vitest";
import {
  type EndpointRow,
  groupByService,
  sortEndpointRows,
  toEndpointRows,
} from "@/lib/charts/endpoint-table";
import type { EndpointSummary } from "@/lib/model/endpoints";
import type { EndpointSort } from "@/lib/url-state/dashboard-url";

/** An /api/endpoints entry; latencies in ms. */
function summary(endpoint: string, fields: Partial<EndpointSummary> = {}): EndpointSummary {
  return {
    service: "shop",
    endpoint,
    count: 10,
    errorCount: 0,
    errorRate: 0,
    p50Ms: 10,
    p95Ms: 50,
    p99Ms: 100,
    cacheHitRatio: null,
    cacheLookups: 0,
    ...fields,
  };
}

const HOUR = { from: 0, to: 3_600_000 };
const rows = (...summaries: EndpointSummary[]): EndpointRow[] => toEndpointRows(summaries, HOUR);
const names = (sorted: EndpointRow[]) => sorted.map((row) => row.endpoint);

describe("toEndpointRows", () => {
  it.each([
    ["3600 requests in an hour: 1/s", 3600, HOUR, 1],
    ["90 requests in 15 minutes: 0.1/s", 90, { from: 0, to: 900_000 }, 0.1],
    ["an empty window (bad input): 0", 5, { from: 10, to: 10 }, 0],
  ])("computes the rate of %s", (_, count, window, rate) => {
    expect(toEndpointRows([summary("GET /", { count })], window)[0]?.rate).toBe(rate);
  });
});

describe("sortEndpointRows by trouble", () => {
  it("puts an endpoint whose p95 rose ×4 above a steady one, though it has no errors", () => {
    const steady = summary("GET /steady", {
      count: 100,
      p95Ms: 50,
      previous: { count: 100, errorCount: 0, errorRate: 0, p95Ms: 50 },
    });
    const slower = summary("GET /slower", {
      count: 10,
      p95Ms: 200,
      previous: { count: 10, errorCount: 0, errorRate: 0, p95Ms: 50 },
    });
    expect(names(sortEndpointRows(rows(steady, slower), { key: "trouble", direction: "desc" }))).toEqual([
      "GET /slower",
      "GET /steady",
    ]);
  });
});

describe("sortEndpointRows", () => {
  const table = rows(
    summary("GET /a", { p99Ms: 300, count: 5, errorRate: 0.2, errorCount: 1, cacheHitRatio: 0.5 }),
    summary("POST /b", { p99Ms: 100, count: 50, errorRate: 0, cacheHitRatio: 0.9 }),
    summary("GET /c", { p99Ms: null, p50Ms: null, p95Ms: null, count: 0 }),
    summary("DELETE /d", { p99Ms: 200, count: 20, errorRate: 0.2, errorCount: 4 }),
  );

  it.each<[string, EndpointSort, string[]]>([
    [
      "p99, slowest first; no latency last",
      { key: "p99", direction: "desc" },
      ["GET /a", "DELETE /d", "POST /b", "GET /c"],
    ],
    [
      "p99, fastest first; no latency still last",
      { key: "p99", direction: "asc" },
      ["POST /b", "DELETE /d", "GET /a", "GET /c"],
    ],
    [
      "trouble (the default): failing endpoints first, equal trouble by traffic",
      { key: "trouble", direction: "desc" },
      ["DELETE /d", "GET /a", "POST /b", "GET /c"],
    ],
    ["rate, busiest first", { key: "rate", direction: "desc" }, ["POST /b", "DELETE /d", "GET /a", "GET /c"]],
    ["name, A→Z", { key: "name", direction: "asc" }, ["DELETE /d", "GET /a", "GET /c", "POST /b"]],
    ["name, Z→A", { key: "name", direction: "desc" }, ["POST /b", "GET /c", "GET /a", "DELETE /d"]],
    [
      "errors, worst first; equal rates by error count",
      { key: "errors", direction: "desc" },
      ["DELETE /d", "GET /a", "POST /b", "GET /c"],
    ],
    [
      "cache hit ratio, best first; no lookups last",
      { key: "cache", direction: "desc" },
      ["POST /b", "GET /a", "DELETE /d", "GET /c"],
    ],
    [
      "cache hit ratio, worst first; no lookups still last, busiest first",
      { key: "cache", direction: "asc" },
      ["GET /a", "POST /b", "DELETE /d", "GET /c"],
    ],
  ])("sorts by %s", (_, sort, expected) => {
    expect(names(sortEndpointRows(table, sort))).toEqual(expected);
  });

  it("does not reorder its input", () => {
    const before = names(table);
    sortEndpointRows(table, { key: "name", direction: "asc" });
    expect(names(table)).toEqual(before);
  });
});

describe("groupByService", () => {
  it("groups rows under services in name order, keeping row order", () => {
    const grouped = groupByService(
      rows(
        summary("GET /1", { service: "web" }),
        summary("GET /2", { service: "api" }),
        summary("GET /3", { service: "web" }),
      ),
    );
    expect([...grouped.keys()]).toEqual(["api", "web"]);
    expect(names(grouped.get("web") ?? [])).toEqual(["GET /1", "GET /3"]);
  });
});
