// OpenTelemetry for one demo service. Required FIRST by every service entry file: the official
// instrumentations patch modules as they are `require`d, so express, pg, ioredis and undici must
// load after sdk.start(). (From an ES module the same imports would silently stay unpatched; that
// is why the services are CommonJS.)
const { NodeSDK, metrics, resources } = require("@opentelemetry/sdk-node");
const { OTLPTraceExporter } = require("@opentelemetry/exporter-trace-otlp-proto");
const { OTLPMetricExporter } = require("@opentelemetry/exporter-metrics-otlp-proto");
const { HttpInstrumentation } = require("@opentelemetry/instrumentation-http");
const { UndiciInstrumentation } = require("@opentelemetry/instrumentation-undici");
const { ExpressInstrumentation } = require("@opentelemetry/instrumentation-express");
const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg");
const { IORedisInstrumentation } = require("@opentelemetry/instrumentation-ioredis");

const serviceName = required("DEMO_SERVICE_NAME");
const serviceVersion = required("DEMO_SERVICE_VERSION");
const target = required("DEMO_OTLP_TARGET").replace(/\/+$/, "");
const headers = process.env.DEMO_OTLP_KEY ? { Authorization: `Bearer ${process.env.DEMO_OTLP_KEY}` } : {};

/** Counts what reached the receiver, for the progress line of `npm run demo`. */
const counts = { spansExported: 0, spansFailed: 0 };

const otlpTraces = new OTLPTraceExporter({ url: `${target}/v1/traces`, headers });
/** @type {import("@opentelemetry/sdk-trace-base").SpanExporter} */
const traceExporter = {
  export(spans, done) {
    otlpTraces.export(spans, (result) => {
      if (result.code === 0) counts.spansExported += spans.length;
      else counts.spansFailed += spans.length;
      done(result);
    });
  },
  shutdown: () => otlpTraces.shutdown(),
  forceFlush: () => otlpTraces.forceFlush(),
};

const sdk = new NodeSDK({
  resource: resources.resourceFromAttributes({
    "service.name": serviceName,
    "service.version": serviceVersion,
    "service.namespace": "tracewell-demo",
    "service.instance.id": `${serviceName}-${serviceVersion}-${process.pid}`,
    "deployment.environment.name": "demo",
  }),
  autoDetectResources: false,
  traceExporter,
  // Tracewell stores no logs yet; without this the SDK would set up an OTLP log exporter too.
  logRecordProcessors: [],
  metricReaders: [
    new metrics.PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `${target}/v1/metrics`, headers }),
      exportIntervalMillis: Number(process.env.DEMO_METRIC_INTERVAL_MS ?? 5_000),
    }),
  ],
  instrumentations: [
    new HttpInstrumentation({
      // The launcher's readiness probe is not shop traffic.
      ignoreIncomingRequestHook: (request) => request.url === "/healthz",
    }),
    new UndiciInstrumentation(),
    new ExpressInstrumentation(),
    // Only queries made while serving something: the schema set-up and the job poller's empty
    // polls would otherwise each be a root trace of their own.
    new PgInstrumentation({ requireParentSpan: true }),
    new IORedisInstrumentation({
      requireParentSpan: true,
      // A GET that found nothing is a miss: Tracewell reads cache.hit (README § Cache hit ratio).
      responseHook: (span, command, _args, result) => {
        if (command.toLowerCase() === "get") span.setAttribute("cache.hit", result !== null);
      },
    }),
  ],
});
sdk.start();

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: start the demo services with \`npm run demo\``);
  return value;
}

module.exports = { sdk, counts, serviceName, serviceVersion };
