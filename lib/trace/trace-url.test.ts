import { describe, expect, it } from "vitest";
import { compareHref, parseTraceIdInput, traceHref } from "@/lib/trace/trace-url";

const id = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("traceHref", () => {
  it("links to a trace, with and without a selected span", () => {
    expect(traceHref(id)).toBe(`/traces/${id}`);
    expect(traceHref(id, null)).toBe(`/traces/${id}`);
    expect(traceHref(id, "00f067aa0ba902b7")).toBe(`/traces/${id}?span=00f067aa0ba902b7`);
  });

  it("escapes whatever a malformed id contains", () => {
    expect(traceHref("a/b?c", "x&y")).toBe("/traces/a%2Fb%3Fc?span=x%26y");
  });
});

describe("parseTraceIdInput", () => {
  it.each([
    ["a bare id", id, id],
    ["an upper-case id with spaces", `  ${id.toUpperCase()}\n`, id],
    ["a Tracewell link", `http://localhost:3000/traces/${id}?span=00f067aa0ba902b7`, id],
    ["a traceparent header", `00-${id}-00f067aa0ba902b7-01`, id],
  ])("reads %s", (_, input, expected) => {
    expect(parseTraceIdInput(input)).toBe(expected);
  });

  it.each([
    ["empty", ""],
    ["too short", id.slice(1)],
    ["too long", `${id}0`],
    ["not hex", "z".repeat(32)],
  ])("rejects %s input", (_, input) => {
    expect(parseTraceIdInput(input)).toBeNull();
  });
});

describe("compareHref", () => {
  it("puts the baseline in a and the other trace in b", () => {
    expect(compareHref("aa", "bb")).toBe("/traces/compare?a=aa&b=bb");
  });
});
