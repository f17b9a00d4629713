// Answers of the dashboard's port are gzipped by the custom server (lib/server/compress.ts) now
// that Next.js's own compression is off: pages, scripts and API answers alike when the client
// takes gzip (brotli when it takes that too, as browsers do), plain otherwise; a trace's answer
// (the fastest level of either) decodes to the same JSON.

import { randomBytes } from "node:crypto";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { describe, expect, inject, it } from "vitest";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");

/** The raw answer, without fetch's transparent decoding. */
function get(
  path: string,
  acceptEncoding: string,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("compression", () => {
  it("gzips a page and the scripts it loads when asked, and sends them plain otherwise", async () => {
    const page = await get("/", "gzip");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toContain("Accept-Encoding");
    const html = gunzipSync(page.body).toString("utf8");
    expect(html).toContain("<html");
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    if (!script) throw new Error("the page loads no script");
    expect((await get(script, "gzip")).headers["content-encoding"]).toBe("gzip");

    const plain = await get("/", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("<html");
  });

  it("gzips a trace's answer; it decodes to the same JSON as the plain one", async () => {
    let traceId = "";
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /compressed", { kind: SpanKind.SERVER }, ROOT_CONTEXT);
        traceId = root.spanContext().traceId;
        for (let i = 0; i < 20; i++) {
          tracer
            .startSpan(`step ${i}`, { attributes: { "step.index": i } }, trace.setSpan(ROOT_CONTEXT, root))
            .end();
        }
        root.end();
      },
      { "service.name": `compression-${randomBytes(3).toString("hex")}` },
    );
    const zipped = await eventually(async () => {
      const answer = await get(`/api/traces/${traceId}?format=compact`, "gzip");
      expect(answer.headers["content-encoding"]).toBe("gzip");
      return answer;
    }, 15_000);
    const plain = await get(`/api/traces/${traceId}?format=compact`, "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(gunzipSync(zipped.body).toString("utf8"))).toEqual(
      JSON.parse(plain.body.toString("utf8")),
    );
    // What Chromium asks for: brotli (at quality 1 for a trace), which decodes to the same JSON.
    const browser = await get(`/api/traces/${traceId}?format=compact`, "gzip, deflate, br, zstd");
    expect(browser.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(browser.body).toString("utf8"))).toEqual(
      JSON.parse(plain.body.toString("utf8")),
    );
  });

  it("sends the build's scripts and styles from a copy compressed once: the file's bytes, cached for good", async () => {
    const html = gunzipSync((await get("/", "gzip")).body).toString("utf8");
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
    if (!script || !style) throw new Error("the page loads no script or style");
    for (const path of [script, style]) {
      const plain = await get(path, "identity");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      // The first request (or any before the copy is ready) goes through Next.js and the
      // middleware, which streams; then the copy is sent whole, with its length.
      const kept = await eventually(async () => {
        const answer = await get(path, "gzip, deflate, br, zstd");
        expect(answer.headers["content-length"]).toBe(String(answer.body.length));
        return answer;
      }, 15_000);
      expect(kept.headers["content-encoding"]).toBe("br");
      expect(kept.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(kept.headers["content-type"]).toMatch(path.endsWith(".js") ? /javascript/ : /text\/css/);
      expect(kept.headers.vary).toContain("Accept-Encoding");
      expect(kept.headers["x-content-type-options"]).toBe("nosniff");
      expect(brotliDecompressSync(kept.body).equals(plain.body)).toBe(true);
      const zipped = await get(path, "gzip");
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers["content-length"]).toBe(String(zipped.body.length));
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    }
    // Never a file outside the build's static directory (the server's own build is next to it),
    // however many times it is asked for; a missing one is Next.js's 404, as before.
    const outside = "/_next/static/..%2Fserver%2Fmiddleware-build-manifest.js";
    for (let i = 0; i < 3; i++) {
      const answer = await get(outside, "br");
      expect(answer.headers["content-length"]).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await get("/_next/static/chunks/missing-chunk.js", "br")).headers["cache-control"]).not.toContain(
      "immutable",
    );
  });
});
