// Random secrets that are stored only as a SHA-256: ingest keys ("twk_"), read-only API tokens
// ("twr_"), session cookies and setup links. 192 random bits each; `prefix` (the first 12
// characters) names a key in lists. A fast hash is right here: the secret is random, not a
// password, so there is nothing for a slow hash to protect against.
import { createHash, randomBytes } from "node:crypto";

export interface NewSecret {
  /** public id, for listing and revoking */
  id: string;
  /** the secret, shown once */
  key: string;
  prefix: string;
  hash: Buffer;
}

export function generateSecret(kindPrefix: string): NewSecret {
  const key = `${kindPrefix}${randomBytes(24).toString("base64url")}`;
  return { id: randomBytes(8).toString("hex"), key, prefix: key.slice(0, 12), hash: hashSecret(key) };
}

export function hashSecret(key: string): Buffer {
  return createHash("sha256").update(key).digest();
}

/** The key in an `Authorization: Bearer <key>` value (case-insensitive scheme); null if none. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? (match[1] as string) : null;
}
