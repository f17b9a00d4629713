// GET /api/receivers response contract: where this Tracewell listens for OTLP, for the "send
// traces" help, shared by the route handler and useReceivers.
import { z } from "zod";

export const receiversResponseSchema = z.object({
  /** OTLP/HTTP port (OTLP_HTTP_PORT); the base endpoint, the SDK appends /v1/traces */
  otlpHttpPort: z.number(),
  /** OTLP/gRPC port (OTLP_GRPC_PORT) */
  otlpGrpcPort: z.number(),
  /** INGEST_AUTH: "keys" when senders need `Authorization: Bearer <ingest key>` */
  ingestAuth: z.enum(["keys", "open"]),
});

export type ReceiversResponse = z.infer<typeof receiversResponseSchema>;
