import { describe, expect, it } from "vitest";
import { signInNext } from "@/lib/url-state/sign-in-next";

describe("signInNext", () => {
  it.each([
    ["no next", null, "/"],
    ["a page with its query", "/traces?service=api&window=1h", "/traces?service=api&window=1h"],
    ["another origin, protocol-relative", "//evil.example/x", "/"],
    ["an absolute URL", "https://evil.example", "/"],
    ["a backslash trick", "/\\evil.example", "/"],
    ["the login page itself", "/login?next=/", "/"],
  ])("%s", (_, next, expected) => {
    expect(signInNext(next)).toBe(expected);
  });
});
