// The format of an ingest key: "twk_" + 32 base64url characters (192 random bits), generated and
// hashed like every other stored secret (lib/auth/secret-token.ts).
import { bearerToken, generateSecret, hashSecret, type NewSecret } from "@/lib/auth/secret-token";

export const INGEST_KEY_PREFIX = "twk_";
const KEY_SHAPE = /^twk_[A-Za-z0-9_-]{32}$/;

export type NewIngestKey = NewSecret;
export { bearerToken };

export function generateIngestKey(): NewIngestKey {
  return generateSecret(INGEST_KEY_PREFIX);
}

export function hashIngestKey(key: string): Buffer {
  return hashSecret(key);
}

export function keyPrefix(key: string): string {
  return key.slice(0, 12);
}

export function looksLikeIngestKey(text: string): boolean {
  return KEY_SHAPE.test(text);
}
