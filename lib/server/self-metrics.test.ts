import type http from "node:http";
import { describe, expect, it } from "vitest";
import { routeOf, wantsPrometheus } from "@/lib/server/self-metrics";

const request = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ url, method, headers }) as unknown as http.IncomingMessage;

describe("wantsPrometheus", () => {
  it("answers scrapers and curl, not browsers or the app's own page navigation", () => {
    expect(
      wantsPrometheus(
        request("/metrics", { accept: "application/openmetrics-text;version=1.0.0,text/plain;q=0.5" }),
      ),
    ).toBe(true);
    expect(wantsPrometheus(request("/metrics", { accept: "*/*" }))).toBe(true);
    expect(wantsPrometheus(request("/metrics"))).toBe(true);
    expect(wantsPrometheus(request("/metrics", { accept: "text/html,application/xhtml+xml" }))).toBe(false);
    expect(wantsPrometheus(request("/metrics?_rsc=abc12", { accept: "*/*" }))).toBe(false);
    expect(wantsPrometheus(request("/metrics", { accept: "*/*", rsc: "1" }))).toBe(false);
    expect(wantsPrometheus(request("/metrics", { accept: "*/*", "next-router-prefetch": "1" }))).toBe(false);
    expect(wantsPrometheus(request("/metrics", {}, "POST"))).toBe(false);
    expect(wantsPrometheus(request("/metrics/other"))).toBe(false);
  });
});

describe("routeOf", () => {
  it("keeps labels bounded: ids become {id}, assets one label", () => {
    expect(routeOf(`/api/traces/${"ab".repeat(16)}?x=1`)).toBe("/api/traces/{id}");
    expect(routeOf("/api/keys/123")).toBe("/api/keys/{id}");
    expect(routeOf("/_next/static/chunks/abc.js")).toBe("/_next/*");
    expect(routeOf("/")).toBe("/");
  });
});
