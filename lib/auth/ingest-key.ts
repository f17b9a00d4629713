// The format of an ingest key: "twk_" + 32 base64url characters (192 random bits). Only its
// SHA-256 is stored; `prefix` (the first 12 characters) names it in lists. A fast hash is right
// here: the key is random, not a password, so there is nothing for a slow hash to protect against.
import { createHash, randomBytes } from "node:crypto";

export const INGEST_KEY_PREFIX = "twk_";
const KEY_SHAPE = /^twk_[A-Za-z0-9_-]{32}$/;

export interface NewIngestKey {
  /** public id, for listing and revoking */
  id: string;
  /** the secret, shown once */
  key: string;
  prefix: string;
  hash: Buffer;
}

export function generateIngestKey(): NewIngestKey {
  const key = `${INGEST_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  return { id: randomBytes(8).toString("hex"), key, prefix: keyPrefix(key), hash: hashIngestKey(key) };
}

export function hashIngestKey(key: string): Buffer {
  return createHash("sha256").update(key).digest();
}

export function keyPrefix(key: string): string {
  return key.slice(0, 12);
}

export function looksLikeIngestKey(text: string): boolean {
  return KEY_SHAPE.test(text);
}

/** The key in an `Authorization: Bearer <key>` value (case-insensitive scheme); null if none. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? (match[1] as string) : null;
}
