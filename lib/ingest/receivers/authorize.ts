// The one authorize step of both OTLP transports: each passes the request's `authorization`
// header (HTTP header or gRPC metadata) here before reading the body, and what it returns travels
// with the request into ingest. Ingest keys (issue: security) plug in as an `AuthorizeIngest`.
import type { IngestPrincipal } from "@/lib/ingest/shared/signal-ingest";

/** Missing or wrong credentials: HTTP 401 / gRPC UNAUTHENTICATED, with this message. */
export class IngestUnauthorizedError extends Error {
  override name = "IngestUnauthorizedError";
}

/** Decides who sent a request from its `authorization` value; throws IngestUnauthorizedError to refuse. */
export type AuthorizeIngest = (authorization: string | undefined) => Promise<IngestPrincipal>;

export const OPEN_INGEST: IngestPrincipal = { keyId: null, label: "open" };

/** No check at all: every sender is allowed (a trusted network). */
export const allowAllIngest: AuthorizeIngest = async () => OPEN_INGEST;
