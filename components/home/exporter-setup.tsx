/** How to point an OpenTelemetry SDK or Collector at this Tracewell. */
export function ExporterSetup({ title = "No services yet? Send some traces." }: { title?: string }) {
  return (
    <section aria-labelledby="exporter-setup-title" className="flex flex-col gap-4">
      <div>
        <h2 id="exporter-setup-title" className="text-lg font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Tracewell receives OTLP directly. Point any OpenTelemetry SDK or Collector at it with the standard
          environment variables:
        </p>
      </div>
      <pre className="overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 p-4 font-mono text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <code>
          {"OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318\nOTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"}
        </code>
      </pre>
      <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
        <li>
          OTLP/HTTP listens on port <strong>4318</strong> (<code className="font-mono">/v1/traces</code>),
          protobuf or JSON.
        </li>
        <li>
          OTLP/gRPC listens on port <strong>4317</strong>: use{" "}
          <code className="font-mono">OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4317</code> with{" "}
          <code className="font-mono">OTEL_EXPORTER_OTLP_PROTOCOL=grpc</code>.
        </li>
        <li>Replace localhost with this machine&apos;s address when the service runs elsewhere.</li>
        <li>
          The latency views count requests: spans of kind SERVER (or CONSUMER), grouped by{" "}
          <code className="font-mono">http.request.method</code> and{" "}
          <code className="font-mono">http.route</code> when the instrumentation reports them.
        </li>
      </ul>
    </section>
  );
}
