// Endpoint → duration histogram query, and units to milliseconds.
import { describe, expect, it } from "vitest";
import { durationMetricQuery, durationToMs } from "./endpoint-duration-metric";

describe("durationMetricQuery", () => {
  it.each<[string, string, string[], ReturnType<typeof durationMetricQuery>]>([
    [
      "stable conventions",
      "GET /orders/{id}",
      ["http.server.request.duration"],
      {
        name: "http.server.request.duration",
        filters: [
          ["http.route", "/orders/{id}"],
          ["http.request.method", "GET"],
        ],
      },
    ],
    [
      "old conventions only",
      "POST /checkout",
      ["http.server.duration", "other"],
      {
        name: "http.server.duration",
        filters: [
          ["http.route", "/checkout"],
          ["http.method", "POST"],
        ],
      },
    ],
    [
      "both sent: the current name wins",
      "GET /a",
      ["http.server.duration", "http.server.request.duration"],
      {
        name: "http.server.request.duration",
        filters: [
          ["http.route", "/a"],
          ["http.request.method", "GET"],
        ],
      },
    ],
    [
      "a route without a method",
      "/health",
      ["http.server.request.duration"],
      { name: "http.server.request.duration", filters: [["http.route", "/health"]] },
    ],
    ["neither sent", "GET /a", ["jobs.done"], null],
  ])("%s", (_shape, endpoint, names, expected) => {
    expect(durationMetricQuery(endpoint, names)).toEqual(expected);
  });
});

describe("durationToMs", () => {
  it.each<[number, string | null, string, number]>([
    [0.25, "s", "http.server.request.duration", 250],
    [250, "ms", "http.server.duration", 250],
    [0.25, null, "http.server.request.duration", 250],
    [250, null, "http.server.duration", 250],
  ])("%s %s (%s)", (value, unit, name, ms) => {
    expect(durationToMs(value, unit, name)).toBe(ms);
  });
});
