// Pinned traces: POST/DELETE/GET /api/traces/{traceId}/pin and GET /api/pins (docs/api.md § Pins).
import { z } from "zod";
import { pinSchema } from "@/lib/model/pins";

export const pinResponseSchema = z.object({ pin: pinSchema.nullable() });
export type PinResponse = z.infer<typeof pinResponseSchema>;

export const pinsResponseSchema = z.object({ pins: z.array(pinSchema) });
export type PinsResponse = z.infer<typeof pinsResponseSchema>;
