// The secret of a public trace link (`/share/{token}`): "tws_" + 32 base64url characters (192
// random bits). Like an ingest key (lib/auth/ingest-key.ts) it is random, shown once and stored
// only as its SHA-256, so the same hash serves both.
import { randomBytes } from "node:crypto";
import { hashIngestKey } from "@/lib/auth/ingest-key";

const TOKEN_SHAPE = /^tws_[A-Za-z0-9_-]{32}$/;

export interface NewShareToken {
  /** public id, for listing and revoking */
  id: string;
  /** the secret, shown once as part of the link */
  token: string;
  hash: Buffer;
}

export function generateShareToken(): NewShareToken {
  const token = `tws_${randomBytes(24).toString("base64url")}`;
  return { id: randomBytes(8).toString("hex"), token, hash: hashShareToken(token) };
}

export function hashShareToken(token: string): Buffer {
  return hashIngestKey(token);
}

/** Whether `text` has a token's shape: anything else is unknown without a database lookup. */
export function looksLikeShareToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}
