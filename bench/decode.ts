// Decode speed of one realistic OTLP trace export: 500 spans made by the official SDK (100 traces
// of 5 spans, 10–12 attributes each, a retry event and an exception with its stack on 2 of 5).
// Run: npx tsx bench/decode.ts
// For comparison, also times protobufjs (a transitive dependency of @grpc/grpc-js) when present.

import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { decodeTraceRequestJson } from "@/lib/otlp/decode-traces-json";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";

const SPANS = 500;
const fixture = makeTraceExport({ spans: SPANS, seed: 1 });
const normalizeOptions = {
  nowUnixNano: BigInt(Date.now()) * 1_000_000n,
  maxPastNanos: 86_400_000_000_000n,
  maxFutureNanos: 3_600_000_000_000n,
};

/** Median ms per call over 15 rounds, after a warm-up that lets the JIT settle. */
function time(label: string, run: () => unknown): void {
  const perRound = 40;
  for (let i = 0; i < 200; i++) run();
  const rounds: number[] = [];
  for (let round = 0; round < 15; round++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) run();
    rounds.push((performance.now() - start) / perRound);
  }
  rounds.sort((a, b) => a - b);
  console.log(`${label.padEnd(50)} ${(rounds[7] as number).toFixed(2)} ms`);
}

interface ProtobufjsType {
  decode(body: Uint8Array): object;
  toObject(message: object, options: object): object;
}
interface Protobufjs {
  parse(source: string): { root: { lookupType(name: string): ProtobufjsType } };
}

async function timeProtobufjs(): Promise<void> {
  const specifier = "protobufjs"; // not a dependency of ours: only timed if it happens to be installed
  let protobuf: Protobufjs;
  try {
    protobuf = ((await import(specifier)) as { default: Protobufjs }).default;
  } catch {
    console.log("protobufjs not installed: no comparison");
    return;
  }
  const type = protobuf.parse(OTLP_TRACE_PROTO).root.lookupType("ExportTraceServiceRequest");
  time("protobufjs decode (message objects, Long times)", () => type.decode(fixture.protobuf));
  time("protobufjs decode + toObject", () =>
    type.toObject(type.decode(fixture.protobuf), { longs: String, bytes: String }),
  );
}

// The OTLP messages the request uses, field numbers as in opentelemetry-proto (one package, for brevity).
const OTLP_TRACE_PROTO = `
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3;
    uint32 dropped_attributes_count = 4; }
  repeated Event events = 11; uint32 dropped_events_count = 12;
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4;
    uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
  repeated Link links = 13; uint32 dropped_links_count = 14; Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
  double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
`;

console.log(
  `${SPANS}-span request: protobuf ${(fixture.protobuf.length / 1024).toFixed(0)} KiB, ` +
    `JSON ${(fixture.json.length / 1024).toFixed(0)} KiB (Node ${process.version})`,
);
time("decodeTraceRequestProto", () => decodeTraceRequestProto(fixture.protobuf));
time("decodeTraceRequestProto + normalize", () =>
  normalizeTraceRequest(decodeTraceRequestProto(fixture.protobuf), normalizeOptions),
);
time("decodeTraceRequestJson", () => decodeTraceRequestJson(fixture.json));
time("decodeTraceRequestJson + normalize", () =>
  normalizeTraceRequest(decodeTraceRequestJson(fixture.json), normalizeOptions),
);
time("(JSON.parse alone, for scale)", () => JSON.parse(Buffer.from(fixture.json).toString("utf8")));
await timeProtobufjs();
