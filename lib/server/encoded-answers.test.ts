import { describe, expect, it } from "vitest";
import { acceptsEncoding } from "@/lib/server/encoded-answers";

describe("acceptsEncoding", () => {
  it("takes gzip as browsers, curl and Node's fetch ask for it", () => {
    expect(acceptsEncoding("gzip, deflate, br, zstd", "gzip")).toBe(true);
    expect(acceptsEncoding("gzip", "gzip")).toBe(true);
    expect(acceptsEncoding("br;q=1.0, gzip;q=0.8, *;q=0.1", "gzip")).toBe(true);
    expect(acceptsEncoding("x-gzip", "gzip")).toBe(true);
    expect(acceptsEncoding("*", "gzip")).toBe(true);
    expect(acceptsEncoding("GZIP", "gzip")).toBe(true);
  });

  it("takes brotli only when named or through *", () => {
    expect(acceptsEncoding("gzip, deflate, br, zstd", "br")).toBe(true);
    expect(acceptsEncoding("br;q=0.5", "br")).toBe(true);
    expect(acceptsEncoding("*", "br")).toBe(true);
    expect(acceptsEncoding("gzip, deflate", "br")).toBe(false);
    expect(acceptsEncoding("x-gzip", "br")).toBe(false);
    expect(acceptsEncoding("br;q=0, gzip", "br")).toBe(false);
  });

  it("refuses what the client did not ask for or ruled out", () => {
    expect(acceptsEncoding(undefined, "gzip")).toBe(false);
    expect(acceptsEncoding("", "gzip")).toBe(false);
    expect(acceptsEncoding("identity", "gzip")).toBe(false);
    expect(acceptsEncoding("br, deflate", "gzip")).toBe(false);
    expect(acceptsEncoding("gzip;q=0", "gzip")).toBe(false);
    expect(acceptsEncoding("gzip;q=0.000, *", "gzip")).toBe(false);
    expect(acceptsEncoding("*;q=0", "gzip")).toBe(false);
    expect(acceptsEncoding("br, *;q=0", "gzip")).toBe(false);
  });
});
