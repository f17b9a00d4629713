// The /metrics query survives a round trip through its URL.
import { describe, expect, it } from "vitest";
import { metricQueryParams, metricsHref, parseMetricsQuery } from "./metrics-url";

describe("metrics URL state", () => {
  it.each([
    ["list only, with a search", "q=http", { metric: null, search: "http" }],
    [
      "a histogram with stat, two group keys and two filters",
      "metric=http.server.request.duration&stat=p95&groupBy=http.route,service.name&filter=http.request.method=GET&filter=k=a=b",
      {
        metric: "http.server.request.duration",
        stat: "p95",
        groupBy: ["http.route", "service.name"],
        filters: [
          ["http.request.method", "GET"],
          ["k", "a=b"],
        ],
      },
    ],
    [
      "a histogram's bucket heatmap",
      "metric=http.server.request.duration&view=heatmap",
      { metric: "http.server.request.duration", view: "heatmap" },
    ],
    ["an unknown view is the stat's chart", "metric=m&view=pie", { metric: "m", view: null }],
    ["a filter without '=' is dropped", "metric=m&filter=oops", { metric: "m", filters: [] }],
  ])("%s", (_shape, query, expected) => {
    const state = parseMetricsQuery(new URLSearchParams(query));
    expect(state).toMatchObject(expected);
    const href = metricsHref("/metrics", new URLSearchParams("range=1h"), state);
    expect(href.startsWith("/metrics?range=1h")).toBe(true);
    expect(parseMetricsQuery(new URLSearchParams(href.split("?")[1]))).toEqual(state);
  });

  it("builds the API request with repeated filters", () => {
    const state = parseMetricsQuery(new URLSearchParams("metric=m&stat=sum&groupBy=a&filter=b=1&filter=c=2"));
    const params = metricQueryParams({ ...state, metric: "m" }, "checkout", { from: 1, to: 2 });
    expect(params.toString()).toBe(
      "name=m&from=1&to=2&service=checkout&stat=sum&groupBy=a&filter=b%3D1&filter=c%3D2",
    );
  });

  it("asks the API for the buckets when the heatmap is shown", () => {
    const state = parseMetricsQuery(new URLSearchParams("metric=m&view=heatmap"));
    expect(metricQueryParams({ ...state, metric: "m" }, null, { from: 1, to: 2 }).get("heatmap")).toBe("1");
  });
});
