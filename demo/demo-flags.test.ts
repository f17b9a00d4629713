import { describe, expect, it } from "vitest";
import { parseDemoDuration, parseDemoFlags } from "./demo-flags";

describe("parseDemoFlags", () => {
  it.each([
    [
      "no flags: until Ctrl-C, 5 req/s, this instance's receiver",
      [],
      { OTLP_HTTP_PORT: "" },
      {
        durationMs: null,
        rate: 5,
        target: "http://localhost:4318",
        key: null,
      },
    ],
    [
      "OTLP_HTTP_PORT moves the default target",
      [],
      { OTLP_HTTP_PORT: "4999" },
      {
        durationMs: null,
        rate: 5,
        target: "http://localhost:4999",
        key: null,
      },
    ],
    [
      "every flag, separate values",
      ["--duration", "90s", "--rate", "12.5", "--target", "http://t:4318/", "--key", "k1"],
      {},
      {
        durationMs: 90_000,
        rate: 12.5,
        target: "http://t:4318",
        key: "k1",
      },
    ],
    [
      "inline values; a target ending in /v1/traces",
      ["--duration=5m", "--target=https://t/otlp/v1/traces"],
      {},
      {
        durationMs: 300_000,
        rate: 5,
        target: "https://t/otlp",
        key: null,
      },
    ],
  ])("%s", (_case, argv, env, expected) => {
    expect(parseDemoFlags(argv, env)).toEqual(expected);
  });

  it.each([
    [["--rate", "0"], /--rate 0/],
    [["--rate"], /--rate needs a value/],
    [["--duration", "soon"], /give seconds \(120\) or a duration like 90s/],
    [["--target", "localhost:4317"], /use an http/],
    [["--target", "not a url"], /OTLP\/HTTP base URL/],
    [["--verbose"], /unknown flag --verbose/],
  ])("rejects %j with a message saying how to fix it", (argv, message) => {
    expect(() => parseDemoFlags(argv, {})).toThrow(message);
  });
});

describe("parseDemoDuration", () => {
  it.each([
    ["120", 120_000],
    ["90s", 90_000],
    ["5m", 300_000],
  ])("%s → %d ms", (text, ms) => {
    expect(parseDemoDuration(text)).toBe(ms);
  });
});
