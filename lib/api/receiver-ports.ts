// The OTLP ports this Tracewell was configured with (OTLP_HTTP_PORT, OTLP_GRPC_PORT), so the
// "send traces" help names the real ones instead of the defaults.
import { loadConfig } from "@/lib/config";
import type { ReceiversResponse } from "@/lib/contracts/receiver-schemas";

export function receiverPorts(): ReceiversResponse {
  const config = loadConfig();
  return {
    otlpHttpPort: config.otlpHttpPort,
    otlpGrpcPort: config.otlpGrpcPort,
    ingestAuth: config.ingestAuth.mode,
  };
}
