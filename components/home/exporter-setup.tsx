"use client";

import { useEffect, useState } from "react";
import { useReceivers } from "@/lib/hooks/use-receivers";

/**
 * How to point an OpenTelemetry SDK or Collector at this Tracewell: the host this page was reached
 * at and the OTLP ports it was configured with (the defaults until the answer arrives).
 */
export function ExporterSetup({ title = "No services yet? Send some traces." }: { title?: string }) {
  const receivers = useReceivers();
  const httpPort = receivers.data?.otlpHttpPort ?? 4318;
  const grpcPort = receivers.data?.otlpGrpcPort ?? 4317;
  // Read after hydration: the server renders "localhost", the browser knows the real host.
  const [host, setHost] = useState("localhost");
  useEffect(() => setHost(window.location.hostname || "localhost"), []);
  const base = `http://${host}:${httpPort}`;
  // Until the answer arrives, assume the default (keys): a missing header is the likelier mistake.
  const needsKey = (receivers.data?.ingestAuth ?? "keys") === "keys";
  const keyLine = needsKey ? '\nOTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <your ingest key>"' : "";
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
        <code>{`OTEL_EXPORTER_OTLP_ENDPOINT=${base}\nOTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf${keyLine}`}</code>
      </pre>
      <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
        <li>
          OTLP/HTTP listens on port <strong>{httpPort}</strong> (the SDK appends{" "}
          <code className="font-mono">/v1/traces</code> to the base endpoint), protobuf or JSON.
        </li>
        <li>
          OTLP/gRPC listens on port <strong>{grpcPort}</strong>: use{" "}
          <code className="font-mono break-all">{`OTEL_EXPORTER_OTLP_ENDPOINT=http://${host}:${grpcPort}`}</code>{" "}
          with <code className="font-mono">OTEL_EXPORTER_OTLP_PROTOCOL=grpc</code>.
        </li>
        {needsKey ? (
          <li>
            Senders need an ingest key: the first start saved one in{" "}
            <code className="font-mono">DATA_DIR/ingest-key</code>; create more on{" "}
            <a href="/settings" className="text-blue-700 underline dark:text-blue-400">
              Settings
            </a>
            .
          </li>
        ) : null}
        <li>
          {host === "localhost" || host === "127.0.0.1"
            ? "Replace localhost with this machine's address when the service runs elsewhere."
            : `${host} is the address this page was opened at; use one your services can reach.`}
        </li>
        <li>
          The latency views count requests: spans of kind SERVER (or CONSUMER), grouped by{" "}
          <code className="font-mono">http.request.method</code> and{" "}
          <code className="font-mono">http.route</code> when the instrumentation reports them.
        </li>
      </ul>
    </section>
  );
}
