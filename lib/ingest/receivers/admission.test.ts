import { describe, expect, it } from "vitest";
import { InflightLimitError, IngestAdmission } from "./admission";

describe("IngestAdmission", () => {
  it("refuses the request past INGEST_MAX_INFLIGHT_REQUESTS, admits again once one is released", () => {
    const gate = new IngestAdmission({ maxRequests: 2, maxBytes: 1000 });
    const first = gate.admit(10);
    gate.admit(10);
    expect(() => gate.admit(10)).toThrow(InflightLimitError);
    first();
    first(); // releasing twice counts once
    expect(gate.inFlight).toEqual({ requests: 1, bytes: 10 });
    expect(() => gate.admit(10)).not.toThrow();
  });

  it("refuses bytes past INGEST_MAX_INFLIGHT_BYTES, but admits one oversized request alone", () => {
    const gate = new IngestAdmission({ maxRequests: 10, maxBytes: 100 });
    const big = gate.admit(500);
    expect(() => gate.admit(1)).toThrow(/INGEST_MAX_INFLIGHT_BYTES=100/);
    big();
    const a = gate.admit(60);
    expect(() => gate.admit(50)).toThrow(InflightLimitError);
    gate.admit(40);
    a();
    expect(gate.inFlight).toEqual({ requests: 1, bytes: 40 });
  });

  it("refuses past an adaptive limit lower than INGEST_MAX_INFLIGHT_REQUESTS, saying why", () => {
    const adaptive = { limit: 1, describe: () => "ingest is yielding to the dashboard" };
    const gate = new IngestAdmission({ maxRequests: 10, maxBytes: 1000 }, adaptive);
    const first = gate.admit(10);
    expect(() => gate.admit(10)).toThrow(/yielding to the dashboard; retry later/);
    adaptive.limit = 2;
    expect(() => gate.admit(10)).not.toThrow();
    first();
  });
});
