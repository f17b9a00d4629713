// Ingest keys: POST/GET /api/keys, DELETE /api/keys/{id} (docs/api.md § Ingest keys).
import { z } from "zod";

export const ingestKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** the key's first characters, e.g. "twk_AbCd1234" */
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type IngestKeyInfo = z.infer<typeof ingestKeySchema>;

export const keysResponseSchema = z.object({
  keys: z.array(ingestKeySchema),
  /** INGEST_AUTH: "keys" (a key is required) or "open" (anyone may send) */
  ingestAuth: z.enum(["keys", "open"]),
});
export type KeysResponse = z.infer<typeof keysResponseSchema>;

/** 201 of POST /api/keys: the only answer that carries the key itself. */
export const createdKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  key: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type CreatedKey = z.infer<typeof createdKeySchema>;

export const createKeyRequestSchema = z.object({
  name: z.string().trim().min(1, "name the key (e.g. the service or team that sends with it)").max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
