import { describe, expect, it } from "vitest";
import { parseCompareQuery, sideLabel } from "@/lib/url-state/compare-url";

describe("parseCompareQuery", () => {
  it("reads a service and two versions", () => {
    expect(
      parseCompareQuery(
        new URLSearchParams("service=pricing&baseline=version:1.4.0&candidate=version:1.5.0"),
      ),
    ).toEqual({
      ok: true,
      value: { service: "pricing", baseline: "version:1.4.0", candidate: "version:1.5.0" },
    });
  });
  it("leaves the sides to the API when absent, and the service to the reader", () => {
    expect(parseCompareQuery(new URLSearchParams(""))).toEqual({
      ok: true,
      value: { service: null, baseline: null, candidate: null },
    });
  });
  it("takes a time range as a side", () => {
    const parsed = parseCompareQuery(new URLSearchParams("service=a&baseline=range:1000-2000"));
    expect(parsed.ok && parsed.value.baseline).toBe("range:1000-2000");
  });
  it("refuses a side of another shape, saying what it should be", () => {
    const parsed = parseCompareQuery(new URLSearchParams("service=a&candidate=1.5.0"));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/candidate= must be version:VERSION/);
  });
});

describe("sideLabel", () => {
  it("shows a version without its prefix", () => {
    expect(sideLabel("version:1.5.0")).toBe("1.5.0");
    expect(sideLabel("range:1-2")).toBe("range:1-2");
  });
});
