// Seeds Tracewell for end-to-end tests the way a user's service does: spans made by the official
// OpenTelemetry SDK (BasicTracerProvider) and sent by the OTLP/protobuf exporter, one provider per
// service. A trace is written as a tree of SeedSpans with explicit times, so tests control
// durations and parents exactly.
import {
  type Attributes,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";

export interface SeedSpan {
  name: string;
  kind: SpanKind;
  /** epoch milliseconds */
  start: number;
  end: number;
  /** defaults to the parent's service */
  service?: string;
  attributes?: Attributes;
  /** status ERROR with this message */
  error?: string;
  events?: { name: string; at: number; attributes?: Attributes }[];
  children?: SeedSpan[];
  /** a name to find this span's id by in the result */
  key?: string;
}

export interface SeedOptions {
  /** extra resource attributes for every service */
  resource?: Attributes;
  /** instrumentation scope per service; "e2e-seed" 1.0.0 otherwise */
  scopes?: Record<string, { name: string; version: string }>;
}

export interface SeedResult {
  /** trace id of each root, in order */
  traceIds: string[];
  /** span id by SeedSpan.key */
  spanIds: Record<string, string>;
  spanCount: number;
}

/**
 * SimpleSpanProcessor exports each span on end(); the exporter refuses more than 30 exports in
 * flight ("Concurrent export limit reached"), so they drain every FLUSH_EVERY spans.
 */
const FLUSH_EVERY = 10;

export function otlpHttpUrl(): string {
  const url = process.env.TRACEWELL_OTLP_HTTP_URL;
  if (!url) throw new Error("TRACEWELL_OTLP_HTTP_URL is not set: run this through playwright.config.ts");
  return url;
}

export async function sendTraces(roots: readonly SeedSpan[], options: SeedOptions = {}): Promise<SeedResult> {
  const providers = new Map<string, BasicTracerProvider>();
  const providerFor = (service: string) => {
    let provider = providers.get(service);
    if (!provider) {
      provider = new BasicTracerProvider({
        resource: resourceFromAttributes({ ...options.resource, "service.name": service }),
        spanProcessors: [
          new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${otlpHttpUrl()}/v1/traces` })),
        ],
      });
      providers.set(service, provider);
    }
    return provider;
  };
  const flushAll = () => Promise.all([...providers.values()].map((provider) => provider.forceFlush()));

  const spanIds: Record<string, string> = {};
  let ended = 0;

  // Depth-first: a parent starts before its children (they need its context) and ends after them.
  const emit = async (spec: SeedSpan, parent: Span | null, inheritedService: string | undefined) => {
    const service = spec.service ?? inheritedService;
    if (!service) throw new Error(`span "${spec.name}" has no service (set it on the root)`);
    const scope = options.scopes?.[service] ?? { name: "e2e-seed", version: "1.0.0" };
    const span = providerFor(service)
      .getTracer(scope.name, scope.version)
      .startSpan(
        spec.name,
        { kind: spec.kind, startTime: new Date(spec.start), attributes: spec.attributes },
        parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
      );
    if (spec.key) spanIds[spec.key] = span.spanContext().spanId;
    for (const child of spec.children ?? []) await emit(child, span, service);
    for (const event of spec.events ?? [])
      span.addEvent(event.name, event.attributes ?? {}, new Date(event.at));
    if (spec.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    span.end(new Date(spec.end));
    if (++ended % FLUSH_EVERY === 0) await flushAll();
    return span;
  };

  const traceIds: string[] = [];
  for (const root of roots) traceIds.push((await emit(root, null, root.service)).spanContext().traceId);
  await flushAll();
  await Promise.all([...providers.values()].map((provider) => provider.shutdown()));
  return { traceIds, spanIds, spanCount: ended };
}

/** A PostgreSQL query span as the pg instrumentation records it (newer conventions). */
export function queryPostgres(statement: string, start: number, end: number): SeedSpan {
  return {
    name: "pg.query:SELECT",
    kind: SpanKind.CLIENT,
    start,
    end,
    attributes: { "db.system.name": "postgresql", "db.query.text": statement },
  };
}
