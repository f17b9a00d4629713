import { describe, expect, it } from "vitest";
import type { EndpointSummary } from "@/lib/model/endpoints";
import { checkBudgets, exitCodeOf, formatTable, parseBudgets } from "./budgets";

const summary = (endpoint: string, p95Ms: number | null, errorRate = 0): EndpointSummary => ({
  service: "shop",
  endpoint,
  count: 100,
  errorCount: Math.round(errorRate * 100),
  errorRate,
  p50Ms: p95Ms === null ? null : p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms,
  cacheHitRatio: null,
  cacheLookups: 0,
});

describe("parseBudgets", () => {
  it("reads YAML", () => {
    const budgets = parseBudgets(
      `budgets:\n  - service: shop\n    endpoint: GET /cart\n    p95Ms: 300\n    errorRate: 0.01\n`,
    );
    expect(budgets).toEqual([{ service: "shop", endpoint: "GET /cart", p95Ms: 300, errorRate: 0.01 }]);
  });
  it("reads JSON", () => {
    expect(parseBudgets(`{"budgets":[{"service":"shop","endpoint":"GET /","p99Ms":9}]}`)).toHaveLength(1);
  });
  it.each([
    ["no budgets key", "- service: shop"],
    ["a budget without a limit", "budgets:\n  - service: shop\n    endpoint: GET /\n"],
    ["a negative p95", "budgets:\n  - { service: shop, endpoint: GET /, p95Ms: -1 }\n"],
  ])("refuses %s, saying what is expected", (_, text) => {
    expect(() => parseBudgets(text)).toThrow(/Invalid budgets file/);
  });
});

describe("checkBudgets", () => {
  const budgets = parseBudgets(
    "budgets:\n  - { service: shop, endpoint: GET /fast, p95Ms: 100 }\n  - { service: shop, endpoint: GET /slow, p95Ms: 100, errorRate: 0.01 }\n",
  );
  it("holds when every endpoint is within budget: exit 0", () => {
    const checks = checkBudgets(budgets, [summary("GET /fast", 90), summary("GET /slow", 100)]);
    expect(checks.map((c) => c.verdict)).toEqual(["ok", "ok"]);
    expect(exitCodeOf(checks)).toBe(0);
  });
  it("names every limit exceeded: exit 1", () => {
    const checks = checkBudgets(budgets, [summary("GET /fast", 90), summary("GET /slow", 250, 0.05)]);
    expect(checks[1]).toMatchObject({
      verdict: "violated",
      violations: ["p95 250.0ms > 100ms", "errors 5.00% > 1.00%"],
    });
    expect(exitCodeOf(checks)).toBe(1);
    expect(formatTable(checks)).toMatch(/VIOLATED\s+shop\s+GET \/slow/);
  });
  it("cannot check an endpoint with no requests: exit 2", () => {
    const checks = checkBudgets(budgets, [summary("GET /slow", 250)]);
    expect(checks[0]?.verdict).toBe("unknown");
    expect(exitCodeOf(checks)).toBe(2);
  });
});
