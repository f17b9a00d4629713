// Pages and API answers carry the security headers; a state-changing API request from another
// origin (a CSRF attempt from a page elsewhere) is refused with 403 and a message, while the
// dashboard's own origin and scripts without an Origin header are served.
import { describe, expect, inject, it } from "vitest";

const { baseUrl } = inject("tracewell");

function createKey(headers: Record<string, string>): Promise<Response> {
  return fetch(`${baseUrl}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ name: "origin check" }),
  });
}

describe("security headers", () => {
  it.each(["/", "/settings", "/api/health", "/api/keys"])(
    "%s has nosniff, a CSP without framing and same-origin referrers",
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    },
  );
});

describe("cross-origin state-changing requests", () => {
  it("refuses a POST from another origin with 403 and says why", async () => {
    const response = await createKey({ origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/cross-origin POST refused: Origin http:\/\/evil\.example/);
    const siteless = await fetch(`${baseUrl}/api/keys/00000000-0000-0000-0000-000000000000`, {
      method: "DELETE",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(siteless.status).toBe(403);
  });

  it("serves the dashboard's own origin and scripts without an Origin", async () => {
    expect((await createKey({ origin: baseUrl })).status).toBe(201);
    expect((await createKey({})).status).toBe(201);
    // Reads are never refused: a GET changes nothing.
    expect((await fetch(`${baseUrl}/api/keys`, { headers: { origin: "http://evil.example" } })).status).toBe(
      200,
    );
  });
});
