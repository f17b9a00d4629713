// useTrace → GET /api/traces/{traceId} → TraceResponse, validated with the shared schema.
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { type TraceResponse, traceErrorResponseSchema, traceResponseSchema } from "@/lib/api/trace-schema";

/**
 * What went wrong loading a trace, as the page explains it: `not-found` (404: unknown, or spans
 * still arriving), `bad-request` (400: malformed id), `server` (other HTTP errors), `network`
 * (no answer at all), `invalid-response` (an answer that breaks the contract).
 */
export type TraceLoadErrorKind = "not-found" | "bad-request" | "server" | "network" | "invalid-response";

export class TraceLoadError extends Error {
  override name = "TraceLoadError";
  constructor(
    readonly kind: TraceLoadErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const traceQueryKey = (traceId: string) => ["trace", traceId] as const;

export async function fetchTrace(traceId: string, signal?: AbortSignal): Promise<TraceResponse> {
  let response: Response;
  try {
    response = await fetch(`/api/traces/${encodeURIComponent(traceId)}`, {
      signal,
      headers: { accept: "application/json" },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new TraceLoadError("network", "Tracewell did not answer. Check that the server is running.");
  }

  if (!response.ok) {
    const detail = await errorMessageOf(response);
    if (response.status === 404) {
      throw new TraceLoadError("not-found", detail ?? "No spans with this trace id yet.", 404);
    }
    if (response.status === 400) {
      throw new TraceLoadError("bad-request", detail ?? "This is not a valid trace id.", 400);
    }
    const reason = detail ?? response.statusText;
    throw new TraceLoadError(
      "server",
      `The server answered ${response.status}${reason ? `: ${reason}` : ""}.`,
      response.status,
    );
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new TraceLoadError("invalid-response", "The server's answer is not JSON.", response.status);
  }
  const parsed = traceResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new TraceLoadError(
      "invalid-response",
      `The server's answer does not match the trace format:\n${z.prettifyError(parsed.error)}`,
      response.status,
    );
  }
  return parsed.data;
}

async function errorMessageOf(response: Response): Promise<string | null> {
  try {
    const parsed = traceErrorResponseSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

/** Only failures that a second try can fix are retried; a 404 offers a manual retry instead. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (!(error instanceof TraceLoadError)) return false;
  return (
    (error.kind === "network" || (error.kind === "server" && (error.status ?? 0) >= 500)) && failureCount < 2
  );
}

export function useTrace(traceId: string) {
  return useQuery<TraceResponse, Error>({
    queryKey: traceQueryKey(traceId),
    queryFn: ({ signal }) => fetchTrace(traceId, signal),
    retry: shouldRetry,
    // A trace can hold 100k spans: deep-comparing a refetch against the previous answer would
    // walk all of it again for little gain, so each answer simply replaces the last.
    structuralSharing: false,
  });
}
