// GET /api/services/versions response contract: the service.versions a service ran in a window,
// for version markers on the endpoint charts and the compare page's choices.
import { z } from "zod";

export const serviceVersionSchema = z.object({
  version: z.string(),
  /** epoch ms of the version's first and last request span in the window */
  firstSeen: z.number(),
  lastSeen: z.number(),
  requests: z.number().int(),
});

export const serviceVersionsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  service: z.string(),
  /** first seen first */
  versions: z.array(serviceVersionSchema),
});

export type ServiceVersion = z.infer<typeof serviceVersionSchema>;
export type ServiceVersionsResponse = z.infer<typeof serviceVersionsResponseSchema>;
