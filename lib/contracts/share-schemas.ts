// Public links to one trace: POST /api/traces/{traceId}/shares, GET /api/shares,
// DELETE /api/shares/{id} (docs/api.md § Share links; the public side is GET /api/share/{token}).
import { z } from "zod";

/** How long a new link lives when the request does not say: a week. */
export const DEFAULT_SHARE_HOURS = 168;
/** The longest a link may live: a year. */
export const MAX_SHARE_HOURS = 8760;

export const createShareRequestSchema = z.object({
  expiresInHours: z
    .number("expiresInHours must be a number of hours")
    .int("expiresInHours must be a whole number of hours")
    .min(1, "expiresInHours must be at least 1")
    .max(MAX_SHARE_HOURS, `expiresInHours must be at most ${MAX_SHARE_HOURS} (a year)`)
    .default(DEFAULT_SHARE_HOURS),
});
export type CreateShareRequest = z.infer<typeof createShareRequestSchema>;

/** 201 of POST /api/traces/{traceId}/shares: the only answer that carries the link's token. */
export const createdShareSchema = z.object({
  id: z.string(),
  /** absolute: `{origin}/share/{token}` */
  url: z.string(),
  expiresAt: z.string(),
});
export type CreatedShare = z.infer<typeof createdShareSchema>;

export const traceShareSchema = z.object({
  id: z.string(),
  traceId: z.string(),
  /** the trace's root span name and service; null once the trace has expired */
  rootName: z.string().nullable(),
  rootService: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** who created it, once sessions exist; null otherwise */
  createdBy: z.string().nullable(),
});
export type TraceShareInfo = z.infer<typeof traceShareSchema>;

/** GET /api/shares: the active links (not revoked, not expired), newest first; never a token. */
export const sharesResponseSchema = z.object({ shares: z.array(traceShareSchema) });
export type SharesResponse = z.infer<typeof sharesResponseSchema>;
