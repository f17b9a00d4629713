// The origin a share link is built on: the proxy's X-Forwarded-* first, then Host, then the URL.
import { describe, expect, it } from "vitest";
import { requestOrigin } from "@/lib/api/request-origin";

const at = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/x", { headers });

describe("requestOrigin", () => {
  it.each([
    ["no headers: the request URL", {}, "http://127.0.0.1:3000"],
    ["the Host header", { host: "tracewell.lan:3000" }, "http://tracewell.lan:3000"],
    [
      "a TLS proxy's forwarded proto and host",
      { host: "127.0.0.1:3000", "x-forwarded-proto": "https", "x-forwarded-host": "traces.example.com" },
      "https://traces.example.com",
    ],
    [
      "the first of several forwarded values",
      { "x-forwarded-proto": "https, http", "x-forwarded-host": "a.example, b.example" },
      "https://a.example",
    ],
    [
      "an unknown forwarded scheme falls back to http",
      { "x-forwarded-proto": "javascript" },
      "http://127.0.0.1:3000",
    ],
  ])("%s", (_, headers, expected) => {
    expect(requestOrigin(at(headers))).toBe(expected);
  });
});
