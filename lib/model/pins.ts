// A pinned trace with its note (GET /api/pins, POST /api/traces/{id}/pin), as the pin queries
// return it and the API serves it.
import { z } from "zod";

export const PINNED_BY_ANONYMOUS = "anonymous";
export const MAX_NOTE_LENGTH = 2000;
export const MAX_PINNED_BY_LENGTH = 100;

/** The POST body; both fields optional (an empty body pins anonymously without a note). */
export const pinRequestSchema = z.object({
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
  pinnedBy: z.string().max(MAX_PINNED_BY_LENGTH).optional(),
});
export type PinRequest = z.infer<typeof pinRequestSchema>;

export const pinSchema = z.object({
  traceId: z.string(),
  note: z.string(),
  /** free text until Tracewell has users; "anonymous" when not given */
  pinnedBy: z.string(),
  /** ISO 8601 */
  pinnedAt: z.string(),
  startTimeUnixNano: z.string(),
  durationMs: z.number(),
  spanCount: z.number().int(),
  errorCount: z.number().int(),
  rootService: z.string().nullable(),
  rootName: z.string().nullable(),
  services: z.array(z.string()),
});
export type Pin = z.infer<typeof pinSchema>;
