import { describe, expect, it } from "vitest";
import { REDACTED, Redactor, redactorFor } from "@/lib/ingest/shared/redaction";

describe("Redactor", () => {
  const defaults = new Redactor({ keys: [], patterns: [] });

  it("redacts values of sensitive keys, whatever their case or place in the key, nested maps too", () => {
    expect(
      defaults.redact({
        "http.request.header.authorization": ["Bearer abc"],
        "http.request.header.Cookie": "session=1",
        "db.password": "hunter2",
        AWS_SECRET_ACCESS_KEY: "x",
        "user.api_key": "k",
        "request.body": { nested: { apiKey: "k2" }, ok: "fine" },
        "http.route": "/login",
      }),
    ).toEqual({
      "http.request.header.authorization": REDACTED,
      "http.request.header.Cookie": REDACTED,
      "db.password": REDACTED,
      AWS_SECRET_ACCESS_KEY: REDACTED,
      "user.api_key": REDACTED,
      "request.body": { nested: { apiKey: REDACTED }, ok: "fine" },
      "http.route": "/login",
    });
  });

  it.each([
    ["gen_ai.usage.input_tokens", false],
    ["gen_ai.usage.output_tokens", false],
    ["llm.tokenizer", false],
    ["authToken", true],
    ["oauth.access_token", true],
    ["http.request.header.x-csrf-token", true],
    ["tokenValue", true],
  ])("a key word must not run on into more lowercase letters: %s → redacted %s", (key, redacted) => {
    expect(defaults.redact({ [key]: 42 })[key]).toBe(redacted ? REDACTED : 42);
  });

  it("returns the same object when nothing is sensitive", () => {
    const attributes = { "http.route": "/orders", "http.response.status_code": 200 };
    expect(defaults.redact(attributes)).toBe(attributes);
  });

  it("adds configured keys and replaces matches of value patterns inside strings", () => {
    const custom = new Redactor({ keys: ["SSN"], patterns: ["\\b(?:\\d[ -]?){13,16}\\b"] });
    expect(
      custom.redact({
        "customer.ssn": "123-45-6789",
        "db.statement": "UPDATE cards SET n = '4111 1111 1111 1111' WHERE id = 7",
        list: ["4111111111111111", "ok"],
      }),
    ).toEqual({
      "customer.ssn": REDACTED,
      "db.statement": `UPDATE cards SET n = '${REDACTED}' WHERE id = 7`,
      list: [REDACTED, "ok"],
    });
  });

  it("is off with REDACTION=off, and on with the defaults when nothing is configured", () => {
    expect(redactorFor({ enabled: false, keys: [], patterns: [] })).toBeNull();
    expect(redactorFor(undefined)?.redact({ token: "t" })).toEqual({ token: REDACTED });
  });
});
