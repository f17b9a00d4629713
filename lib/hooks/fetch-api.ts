// The dashboard hooks' shared GET: query parameters in, a response checked against its zod
// contract out. A failure becomes an ApiError whose message is what the page shows, starting
// with the API's own `{ "error": "…" }` for a 400.
import { z } from "zod";

/**
 * What went wrong, as a page explains it: `not-found` (404), `bad-request` (400: the message is the
 * API's own), `server` (other HTTP errors), `network` (no answer at all), `invalid-response` (an
 * answer that breaks the contract).
 */
export type ApiErrorKind = "not-found" | "bad-request" | "server" | "network" | "invalid-response";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const errorBodySchema = z.object({ error: z.string() });

/** Fallback messages when an error answer carries no `{ "error": "…" }` of its own. */
export interface ApiMessages {
  notFound?: string;
  badRequest?: string;
}

export async function fetchApi<T>(
  path: string,
  params: Record<string, string | number | null | undefined>,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
  messages: ApiMessages = {},
): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) query.set(key, String(value));
  }
  const url = query.size > 0 ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError("network", "Tracewell did not answer. Check that the server is running.");
  }

  if (!response.ok) {
    const detail = await errorMessageOf(response);
    if (response.status === 404) {
      throw new ApiError("not-found", detail ?? messages.notFound ?? "Not found.", 404);
    }
    if (response.status === 400) {
      throw new ApiError(
        "bad-request",
        detail ?? messages.badRequest ?? "The server refused these parameters.",
        400,
      );
    }
    const reason = detail ?? response.statusText;
    throw new ApiError(
      "server",
      `The server answered ${response.status}${reason ? `: ${reason}` : ""}.`,
      response.status,
    );
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError("invalid-response", "The server's answer is not JSON.", response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      "invalid-response",
      `The server's answer to ${path} does not match its contract:\n${z.prettifyError(parsed.error)}`,
      response.status,
    );
  }
  return parsed.data;
}

/**
 * The dashboard hooks' shared write: a JSON body (if any) with `method`, the answer's JSON (null for
 * 204) back; a refusal becomes an ApiError carrying the API's own message.
 */
export async function sendApi(
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError("network", "Tracewell did not answer. Check that the server is running.");
  }
  if (!response.ok) {
    const message = (await errorMessageOf(response)) ?? `The server answered ${response.status}.`;
    const kind = response.status === 404 ? "not-found" : response.status === 400 ? "bad-request" : "server";
    throw new ApiError(kind, message, response.status);
  }
  return response.status === 204 ? null : await response.json().catch(() => null);
}

async function errorMessageOf(response: Response): Promise<string | null> {
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

/** Retries only what a second try can fix: no answer, or a 5xx. */
export function retryTransient(failureCount: number, error: Error): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    (error.kind === "network" || (error.kind === "server" && (error.status ?? 0) >= 500)) && failureCount < 2
  );
}
