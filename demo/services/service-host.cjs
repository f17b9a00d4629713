// What every demo service shares: listen, tell the launcher (demo/run-demo.ts) its port and its
// export counts over the IPC channel `fork` opened, and on "shutdown" close in order — stop
// taking requests, stop background work, flush every span and metric, exit.
const http = require("node:http");
const { metrics } = require("@opentelemetry/api");
const { sdk, counts, serviceName, serviceVersion } = require("./telemetry.cjs");

const meter = metrics.getMeter("tracewell-demo");

/** A failure the shop shows on purpose (README of the demo: docs/demo.md). */
class ShopError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {import("express").Express} app
 * @param {{ onShutdown?: () => Promise<void> }} [hooks]
 */
function serve(app, hooks = {}) {
  app.get("/healthz", (_request, response) =>
    response.json({ service: serviceName, version: serviceVersion }),
  );
  // Express 5 forwards rejected promises here; instrumentation-express has already recorded the
  // exception on the handler's span, the 5xx marks the SERVER span as an error.
  app.use((error, _request, response, _next) => {
    const status = error instanceof ShopError ? error.status : 500;
    if (!response.headersSent) response.status(status).json({ error: error.message });
  });

  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    send({ type: "ready", port: server.address().port, service: serviceName, version: serviceVersion });
  });
  const reporter = setInterval(() => send({ type: "counts", ...counts }), 1_000);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(reporter);
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await closed;
    await hooks.onShutdown?.();
    await sdk.shutdown();
    send({ type: "counts", ...counts });
    if (process.connected) process.disconnect();
    process.exit(0);
  };
  process.on("message", (message) => {
    if (message?.type === "shutdown") void shutdown();
  });
  // The launcher owns the terminal: Ctrl-C reaches it and it asks us to stop in order.
  process.on("SIGINT", () => {});
  // An orphan (launcher killed) must not run forever.
  process.on("disconnect", () => void shutdown());
}

function send(message) {
  if (process.connected) process.send(message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { serve, meter, ShopError, sleep, serviceName, serviceVersion };
