import { describe, expect, it } from "vitest";
import { parseBudgetsFile } from "@/lib/model/budgets-file";

describe("parseBudgetsFile", () => {
  it("reads every objective", () => {
    expect(
      parseBudgetsFile(
        "budgets:\n  - service: shop\n    endpoint: GET /cart\n    p50Ms: 50\n    p95Ms: 300\n    p99Ms: 900\n    errorRate: 0.01\n",
      ),
    ).toEqual([
      { service: "shop", endpoint: "GET /cart", p50Ms: 50, p95Ms: 300, p99Ms: 900, errorRate: 0.01 },
    ]);
  });

  it.each([
    [
      "YAML that does not parse",
      "budgets:\n  - service: [unclosed\n",
      /not YAML: .* at line \d+, column \d+/,
    ],
    ["an empty file", "", /expected budgets: \[.*\] at the top of the file/],
    ["an empty list", "budgets: []\n", /budgets: list at least one budget/],
    [
      "a misspelt objective, naming the entry",
      "budgets:\n  - { service: shop, endpoint: GET /a, p95Ms: 1 }\n  - { service: shop, endpoint: GET /b, p95ms: 100 }\n",
      /budgets\[1\] \(shop GET \/b\): Unrecognized key: "p95ms"/,
    ],
    [
      "an entry without objectives",
      "budgets:\n  - { service: shop, endpoint: GET /a }\n",
      /budgets\[0\] \(shop GET \/a\): a budget needs at least one of p50Ms, p95Ms, p99Ms, errorRate/,
    ],
    [
      "an error rate given in percent",
      "budgets:\n  - { service: shop, endpoint: GET /a, errorRate: 5 }\n",
      /budgets\[0\]\.errorRate \(shop GET \/a\): must be a share from 0 to 1/,
    ],
    [
      "a latency as text",
      "budgets:\n  - { service: shop, endpoint: GET /a, p95Ms: 300ms }\n",
      /budgets\[0\]\.p95Ms \(shop GET \/a\): .*number/,
    ],
    [
      "a missing endpoint",
      "budgets:\n  - { service: shop, p95Ms: 3 }\n",
      /budgets\[0\]\.endpoint \(shop \?\)/,
    ],
    [
      "the same endpoint twice",
      "budgets:\n  - { service: shop, endpoint: GET /a, p95Ms: 1 }\n  - { service: shop, endpoint: GET /a, p99Ms: 2 }\n",
      /budgets\[1\] \(shop GET \/a\): the same endpoint as budgets\[0\]/,
    ],
  ])("refuses %s, saying what to fix", (_, text, message) => {
    expect(() => parseBudgetsFile(text)).toThrow(message);
  });
});
