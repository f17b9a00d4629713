import { describe, expect, it } from "vitest";
import {
  formatChange,
  rankServices,
  servicesNeedingAttention,
  serviceTrouble,
} from "@/lib/charts/service-ranking";
import type { ServiceSummary } from "@/lib/model/endpoints";

type Previous = NonNullable<ServiceSummary["previous"]>;

/** An /api/services entry over one hour; latencies in ms; `previous` the hour before. */
function service(
  name: string,
  fields: Partial<ServiceSummary> = {},
  previous: Partial<Previous> | null = {},
): ServiceSummary {
  const summary: ServiceSummary = {
    service: name,
    count: 1000,
    requestRate: 1000 / 3600,
    errorCount: 0,
    errorRate: 0,
    p50Ms: 20,
    p95Ms: 80,
    p99Ms: 120,
    sparkline: [],
    previous: null,
    ...fields,
  };
  summary.previous =
    previous === null ? null : { count: 1000, errorCount: 0, errorRate: 0, p95Ms: 80, ...previous };
  return summary;
}

const names = (list: ServiceSummary[]) => list.map((s) => s.service);

describe("serviceTrouble", () => {
  it.each([
    ["healthy and flat", service("a"), []],
    ["35 % errors", service("a", { errorCount: 350, errorRate: 0.35 }), ["errors"]],
    ["p95 80 → 300 ms", service("a", { p95Ms: 300 }), ["p95"]],
    ["p95 2 → 4 ms (too small a move)", service("a", { p95Ms: 4 }, { p95Ms: 2 }), []],
    ["3 requests, all failed (too few)", service("a", { count: 3, errorCount: 3, errorRate: 1 }), []],
    [
      "errors and p95 without a previous window",
      service("a", { errorCount: 100, errorRate: 0.1, p95Ms: 900 }, null),
      ["errors"],
    ],
  ])("%s", (_, summary, reasons) => {
    expect(serviceTrouble(summary).reasons).toEqual(reasons);
  });

  it("gives the error-rate change relative to the previous window, or 'new' when it had no errors", () => {
    expect(serviceTrouble(service("a", { errorRate: 0.34 }, { errorRate: 0.1 })).errorRateChange).toBeCloseTo(
      2.4,
    );
    expect(serviceTrouble(service("a", { errorRate: 0.34 })).errorRateChange).toBe("new");
    expect(serviceTrouble(service("a", { errorRate: 0.34 }, null)).errorRateChange).toBeNull();
    expect(serviceTrouble(service("a", { p95Ms: 40 })).p95Change).toBeCloseTo(-0.5);
  });
});

describe("formatChange", () => {
  it.each([
    [2.4, "▲ +240 %"],
    [-0.3, "▼ −30 %"],
    [0.001, ""],
    [12, "▲ +1,200 %"],
    ["new" as const, "▲ new"],
    [Number.POSITIVE_INFINITY, "▲ new"],
    [null, ""],
  ])("%s → %s", (change, text) => {
    expect(formatChange(change)).toBe(text);
  });
});

describe("rankServices", () => {
  // 39 healthy services and one slow and failing: the failing one must come first.
  const healthy = Array.from({ length: 39 }, (_, i) => service(`svc-${String(i).padStart(2, "0")}`));
  const broken = service("svc-20-payments", { errorCount: 350, errorRate: 0.35, p95Ms: 900 });
  const slower = service("svc-30-search", { p95Ms: 400 });
  const all = [...healthy, slower, broken];

  it("by trouble puts the failing service first, then the slower one, then the rest by name", () => {
    const ranked = names(rankServices(all, "trouble"));
    expect(ranked.slice(0, 3)).toEqual(["svc-20-payments", "svc-30-search", "svc-00"]);
  });

  it("by name, rate, errors and p95", () => {
    const three = [
      service("b", { requestRate: 5, errorRate: 0.01, errorCount: 10, p95Ms: null }),
      service("a", { requestRate: 1, errorRate: 0.2, errorCount: 5, p95Ms: 50 }),
      service("c", { requestRate: 9, errorRate: 0, p95Ms: 500 }),
    ];
    expect(names(rankServices(three, "name"))).toEqual(["a", "b", "c"]);
    expect(names(rankServices(three, "rate"))).toEqual(["c", "b", "a"]);
    expect(names(rankServices(three, "errors"))).toEqual(["a", "b", "c"]);
    expect(names(rankServices(three, "p95"))).toEqual(["c", "a", "b"]);
  });

  it("names only the services needing attention in the strip", () => {
    expect(names(servicesNeedingAttention(all))).toEqual(["svc-20-payments", "svc-30-search"]);
  });
});
