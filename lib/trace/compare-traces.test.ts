import { describe, expect, it } from "vitest";
import { compareTraces } from "@/lib/trace/compare-traces";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { span } from "@/lib/trace/test-fixtures";

/**
 * trace A (normal)                       trace B (slow)
 * GET /cart   web  0──────20             GET /cart   web  0────────────────60
 * ├── SELECT  db     2──6                ├── SELECT  db     2──6
 * └── SELECT  db       8──12             ├── SELECT  db       8──12
 *                                        ├── SELECT  db         14──18
 *                                        └── GET /price  pricing  20────────55   (only in B)
 */
const a = buildSpanTree([
  span("ra", null, 0, 20, { name: "GET /cart", service: "web" }),
  span("a1", "ra", 2, 6, { name: "SELECT", service: "db" }),
  span("a2", "ra", 8, 12, { name: "SELECT", service: "db" }),
]);
const b = buildSpanTree([
  span("rb", null, 0, 60, { name: "GET /cart", service: "web" }),
  span("b1", "rb", 2, 6, { name: "SELECT", service: "db" }),
  span("b2", "rb", 8, 12, { name: "SELECT", service: "db" }),
  span("b3", "rb", 14, 18, { name: "SELECT", service: "db" }),
  span("b4", "rb", 20, 55, { name: "GET /price", service: "pricing" }),
]);

describe("compareTraces", () => {
  it("aligns by service + name path, largest change first, with one-sided paths", () => {
    const result = compareTraces(a, b);
    const rows = result.rows.map((r) => ({
      op: `${r.service}: ${r.name}`,
      under: r.ancestors.join(" > "),
      count: [r.a.count, r.b.count],
      total: [r.a.totalMs, r.b.totalMs],
      self: [r.a.selfMs, r.b.selfMs],
      delta: r.deltaMs,
    }));
    expect(rows).toEqual([
      { op: "web: GET /cart", under: "", count: [1, 1], total: [20, 60], self: [12, 13], delta: 40 },
      {
        op: "pricing: GET /price",
        under: "web: GET /cart",
        count: [0, 1],
        total: [0, 35],
        self: [0, 35],
        delta: 35,
      },
      { op: "db: SELECT", under: "web: GET /cart", count: [2, 3], total: [8, 12], self: [8, 12], delta: 4 },
    ]);
    expect(result.onlyInA).toBe(0);
    expect(result.onlyInB).toBe(1);
  });

  it("a trace compared with itself has no differences", () => {
    expect(compareTraces(a, a).rows.every((r) => r.deltaMs === 0 && r.a.count === r.b.count)).toBe(true);
  });
});
