// Property-based fuzzing of the OTLP decoders and normalisers (#21), with fast-check: arbitrary
// bytes, arbitrary JSON, and valid SDK exports (traces and metrics, protobuf and JSON) mutated
// byte by byte, truncated or spliced, must only ever decode or fail with OtlpDecodeError — the
// receivers' 400 — never another exception (a 500), a hang or an allocation the input's size
// does not bound. What decodes is normalised as ingest would, which must not throw either.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeMetricsRequest } from "@/lib/ingest/metrics/normalize-metrics";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { decodeMetricsRequestJson } from "@/lib/otlp/decode-metrics-json";
import { decodeMetricsRequestProto } from "@/lib/otlp/decode-metrics-proto";
import { decodeTraceRequestJson } from "@/lib/otlp/decode-traces-json";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { OtlpDecodeError } from "@/lib/otlp/types";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { makeMetricsExport } from "@/test/fixtures/otlp-metrics-fixtures";

const WINDOW = {
  nowUnixNano: BigInt(Date.now()) * 1_000_000n,
  maxPastNanos: 7n * 86_400_000_000_000n,
  maxFutureNanos: 3_600_000_000_000n,
};
const RUNS = 3_000;

type Pipeline = (body: Uint8Array) => unknown;
const PIPELINES: Record<string, Pipeline> = {
  "traces/protobuf": (body) => normalizeTraceRequest(decodeTraceRequestProto(body), WINDOW),
  "traces/json": (body) => normalizeTraceRequest(decodeTraceRequestJson(body), WINDOW),
  "metrics/protobuf": (body) => normalizeMetricsRequest(decodeMetricsRequestProto(body), WINDOW),
  "metrics/json": (body) => normalizeMetricsRequest(decodeMetricsRequestJson(body), WINDOW),
};

/** Decodes and normalises; true when it worked, false for an OtlpDecodeError; throws otherwise. */
function survives(pipeline: Pipeline, body: Uint8Array): boolean {
  const heapBefore = process.memoryUsage().heapUsed;
  try {
    pipeline(body);
    return true;
  } catch (error) {
    if (error instanceof OtlpDecodeError) return false;
    throw new Error(`not a decode error on ${Buffer.from(body).toString("hex").slice(0, 400)}: ${error}`);
  } finally {
    // A length prefix must never make the decoder allocate far beyond the body it was given.
    const grown = process.memoryUsage().heapUsed - heapBefore;
    if (grown > 64 * 1024 * 1024 + body.length * 64) throw new Error(`heap grew by ${grown} bytes`);
  }
}

/** A valid body mutated: bytes overwritten, a cut, or random bytes spliced in. */
function mutated(valid: Uint8Array) {
  return fc.oneof(
    fc
      .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((edits) => {
        const copy = valid.slice();
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      }),
    fc.nat(valid.length).map((at) => valid.slice(0, at)),
    fc
      .tuple(fc.nat(valid.length), fc.uint8Array({ minLength: 1, maxLength: 16 }))
      .map(([at, bytes]) => new Uint8Array([...valid.slice(0, at), ...bytes, ...valid.slice(at)])),
  );
}

/** Every path (object keys and array indexes) in a JSON value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, v]) => pathsOf(v, [...prefix, key]))];
}

/** A valid OTLP/JSON export with one value, anywhere in it, replaced by arbitrary JSON (type confusion). */
function jsonMutated(valid: Uint8Array) {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(valid));
  const paths = pathsOf(parsed).filter((path) => path.length > 0);
  return fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 })).map(([path, replacement]) => {
    const copy = structuredClone(parsed) as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1] as string | number] = replacement;
    return new TextEncoder().encode(JSON.stringify(copy));
  });
}

const valid: Record<string, Uint8Array> = {};
beforeAll(async () => {
  const traces = makeTraceExport({ spans: 6, exceptionEvery: 3, cacheLookups: true, seed: 7 });
  const metrics = await makeMetricsExport();
  valid["traces/protobuf"] = traces.protobuf;
  valid["traces/json"] = traces.json;
  valid["metrics/protobuf"] = metrics.protobuf;
  valid["metrics/json"] = metrics.json;
});

describe.each(Object.keys(PIPELINES))("%s", (name) => {
  const pipeline = PIPELINES[name] as Pipeline;

  it("the valid SDK export decodes", () => {
    expect(survives(pipeline, valid[name] as Uint8Array)).toBe(true);
  });

  it("arbitrary bytes only ever decode or fail as malformed", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (body) => {
        survives(pipeline, body);
      }),
      { numRuns: RUNS },
    );
  });

  it("a mutated valid export only ever decodes or fails as malformed", () => {
    fc.assert(
      fc.property(mutated(valid[name] as Uint8Array), (body) => {
        survives(pipeline, body);
      }),
      { numRuns: RUNS },
    );
  });

  if (name.endsWith("/json")) {
    it("arbitrary JSON only ever decodes or fails as malformed", () => {
      fc.assert(
        fc.property(fc.json({ maxDepth: 6 }), (text) => {
          survives(pipeline, new TextEncoder().encode(text));
        }),
        { numRuns: RUNS },
      );
    });

    it("a valid export with any one value replaced by arbitrary JSON only ever decodes or fails as malformed", () => {
      fc.assert(
        fc.property(jsonMutated(valid[name] as Uint8Array), (body) => {
          survives(pipeline, body);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
