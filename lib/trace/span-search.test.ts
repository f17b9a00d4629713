import { describe, expect, it } from "vitest";
import type { TraceSpan } from "@/lib/model/traces";
import { findClockSkew } from "@/lib/trace/clock-skew";
import { findSpanMatches, stepMatch } from "@/lib/trace/span-search";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { span } from "@/lib/trace/test-fixtures";

/**
 * root   GET /orders           svc web
 * ├── a  SELECT orders          svc db      db.query.text = "SELECT * FROM orders"
 * │   └── b  fetch row          svc db
 * └── c  POST /charge           svc pay     order.id = 4711
 */
const spans: TraceSpan[] = [
  span("c", "root", 10, 20, { name: "POST /charge", service: "pay", attributes: { "order.id": 4711 } }),
  span("root", null, 0, 30, { name: "GET /orders", service: "web" }),
  span("b", "a", 2, 4, { name: "fetch row", service: "db" }),
  span("a", "root", 1, 5, {
    name: "SELECT orders",
    service: "db",
    attributes: { "db.query.text": "SELECT * FROM orders" },
  }),
];
const tree = buildSpanTree(spans);
const ids = (indices: number[]) => indices.map((i) => (tree.spans[i] as TraceSpan).spanId);

describe("findSpanMatches", () => {
  it.each([
    ["name, case-insensitive, in waterfall order", "ORDERS", ["root", "a"]],
    ["service", "db", ["a", "b"]],
    ["attribute value", "4711", ["c"]],
    ["attribute key", "query.text", ["a"]],
    ["blank query", "  ", []],
    ["no match", "nothing", []],
  ])("%s", (_label, query, expected) => {
    expect(ids(findSpanMatches(tree, query))).toEqual(expected);
  });

  it("steps forward and back with wrap-around, starting from the first or last", () => {
    const matches = [3, 7, 9];
    expect(stepMatch(matches, undefined, 1)).toBe(3);
    expect(stepMatch(matches, undefined, -1)).toBe(9);
    expect(stepMatch(matches, 7, 1)).toBe(9);
    expect(stepMatch(matches, 9, 1)).toBe(3);
    expect(stepMatch(matches, 3, -1)).toBe(9);
    expect(stepMatch([], 3, 1)).toBeNull();
  });
});

describe("findClockSkew", () => {
  it("flags a synchronous child on another service outside its parent, not async or same-service ones", () => {
    // call     CLIENT  web   10────20
    // early    SERVER  api  8───15            starts before its caller: skewed
    // inside   SERVER  api     12──18         fine
    // same     INTERNAL web        15────25   same service: one clock, not flagged
    // publish  PRODUCER web 10─12
    // consume  CONSUMER q        12──────40   async: may outlive the producer
    const skewSpans = [
      span("call", null, 10, 20, { service: "web", kind: "CLIENT" }),
      span("early", "call", 8, 15, { service: "api", kind: "SERVER" }),
      span("inside", "call", 12, 18, { service: "api", kind: "SERVER" }),
      span("same", "call", 15, 25, { service: "web" }),
      span("publish", null, 10, 12, { service: "web", kind: "PRODUCER" }),
      span("consume", "publish", 12, 40, { service: "q", kind: "CONSUMER" }),
    ];
    const skewTree = buildSpanTree(skewSpans);
    const flags = findClockSkew(skewTree);
    expect(skewSpans.filter((_, i) => flags[i] === 1).map((s) => s.spanId)).toEqual(["early"]);
  });
});
