// SELF_TRACE=1: Tracewell traces itself with the official OpenTelemetry SDK and sends the spans
// to its own OTLP/HTTP receiver, or to SELF_TRACE_ENDPOINT:
// - pages and API: Next.js's own SERVER spans (it traces through @opentelemetry/api once a
//   tracer provider is registered), with the route, and the queries below them (pg);
// - OTLP/HTTP ingest: a SERVER span per request (traceOtlpRequests), with its writes below it.
// No feedback loop: Tracewell's own exports carry SELF_TRACE_HEADER, and such a request runs with
// tracing suppressed, its database writes included; queries outside a traced request (background
// jobs) are not traced. Not traced: OTLP/gRPC ingest, page assets under /_next/.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { type Attributes, type Context, context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { core, NodeSDK, resources } from "@opentelemetry/sdk-node";
import type { ReadableSpan, Sampler, SamplingResult, SpanExporter } from "@opentelemetry/sdk-trace-base";

export const SELF_TRACE_HEADER = "x-tracewell-self-trace";

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface SelfTrace {
  /** Where to send the spans, once the OTLP/HTTP listener's port is known. */
  exportTo(baseUrl: string): void;
  /** The OTLP/HTTP handler with a SERVER span per request (none for Tracewell's own exports). */
  traceOtlpRequests(handler: RequestHandler): RequestHandler;
  stop(): Promise<void>;
}

export function startSelfTrace(): SelfTrace {
  const exporter = new DeferredExporter();
  const sdk = new NodeSDK({
    resource: resources.resourceFromAttributes({
      "service.name": "tracewell",
      "service.version": packageVersion(),
    }),
    autoDetectResources: false,
    traceExporter: exporter,
    sampler: new SkipPageAssets(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new PgInstrumentation({ requireParentSpan: true })],
  });
  sdk.start();
  // Tracewell's own modules import pg as an ES module, which the instrumentation's require hook
  // never sees: requiring it once here patches the shared module objects (their prototypes), so
  // pools created before or after are traced all the same. (Next's route handlers require it.)
  const require = createRequire(import.meta.url);
  for (const name of ["pg", "pg-pool"]) require(name);

  const tracer = trace.getTracer("tracewell-self-trace");
  return {
    exportTo: (baseUrl) => exporter.setTarget(baseUrl),
    traceOtlpRequests: (handler) => (request, response) => {
      if (request.headers[SELF_TRACE_HEADER] !== undefined) {
        return context.with(core.suppressTracing(context.active()), () => handler(request, response));
      }
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      const route = path === "/v1/traces" || path === "/v1/metrics" ? path : "/v1/{unknown}";
      const method = request.method ?? "POST";
      const attributes: Attributes = { "http.request.method": method, "http.route": route, "url.path": path };
      return tracer.startActiveSpan(
        `${method} ${route}`,
        { kind: SpanKind.SERVER, attributes },
        async (span) => {
          try {
            await handler(request, response);
          } finally {
            span.setAttribute("http.response.status_code", response.statusCode);
            if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
          }
        },
      );
    },
    stop: () => sdk.shutdown(),
  };
}

/** Values of SamplingDecision (@opentelemetry/sdk-trace-base, not a runtime dependency here). */
const NOT_RECORD = 0;
const RECORD_AND_SAMPLED = 2;

/**
 * Every span is kept except a page asset's (a page load fetches dozens of them): Next starts its
 * request span with `http.target`, so the choice is made at the root and its children follow.
 */
class SkipPageAssets implements Sampler {
  /** traces in which this process started a SERVER span (the most recent ones) */
  private readonly serving = new Set<string>();

  shouldSample(
    parentContext: Context,
    traceId: string,
    _name: string,
    kind: SpanKind,
    attributes: Attributes,
  ) {
    const parent = trace.getSpanContext(parentContext);
    if (kind === SpanKind.SERVER) {
      // Next.js with a proxy (middleware) records a request twice: its "GET" root SERVER span
      // and, handed on as a remote parent, a "GET /api/x" SERVER span in the same trace. The
      // second is marked here and goes out as INTERNAL (oneServerSpanPerRequest): one request.
      // (A client that sends two requests under one trace context would have its second one
      // counted as part of the first: acceptable for tracing Tracewell itself.)
      if (this.serving.has(traceId)) {
        if (!parent || !(parent.traceFlags & 1)) return { decision: NOT_RECORD } as SamplingResult;
        return { decision: RECORD_AND_SAMPLED, attributes: { [NESTED_REQUEST]: true } } as SamplingResult;
      }
      this.serving.add(traceId);
      if (this.serving.size > 10_000) this.serving.delete(this.serving.values().next().value as string);
    }
    if (parent)
      return { decision: parent.traceFlags & 1 ? RECORD_AND_SAMPLED : NOT_RECORD } as SamplingResult;
    const target = attributes["http.target"];
    const asset = typeof target === "string" && (target.startsWith("/_next/") || target === "/favicon.ico");
    return { decision: asset ? NOT_RECORD : RECORD_AND_SAMPLED } as SamplingResult;
  }

  toString(): string {
    return "SkipPageAssets";
  }
}

const NESTED_REQUEST = "tracewell.nested_request";

/** A SERVER span the sampler marked as a request's second record goes out as INTERNAL. */
function oneServerSpanPerRequest(span: ReadableSpan): ReadableSpan {
  if (span.kind !== SpanKind.SERVER || span.attributes[NESTED_REQUEST] !== true) return span;
  // Object.create keeps the span's fields and methods (spanContext()) behind the one changed field.
  return Object.create(span, { kind: { value: SpanKind.INTERNAL } }) as ReadableSpan;
}

/** ExportResultCode.FAILED of @opentelemetry/core. */
const FAILED = 1;

/** An OTLP exporter whose URL is set after start-up (the listener may be on a port chosen then). */
class DeferredExporter implements SpanExporter {
  private inner: OTLPTraceExporter | null = null;

  setTarget(baseUrl: string): void {
    this.inner = new OTLPTraceExporter({
      url: `${baseUrl.replace(/\/+$/, "")}/v1/traces`,
      headers: { [SELF_TRACE_HEADER]: "1" },
    });
  }

  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]): void {
    if (this.inner) this.inner.export(spans.map(oneServerSpanPerRequest), done);
    else done({ code: FAILED, error: new Error("self-trace target not set yet") });
  }

  async shutdown(): Promise<void> {
    await this.inner?.shutdown();
  }

  async forceFlush(): Promise<void> {
    await this.inner?.forceFlush();
  }
}

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")).version ?? "unknown";
  } catch {
    return "unknown";
  }
}
