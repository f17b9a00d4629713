// The first start's one-time setup link (/setup?token=…). Each start with no user yet replaces
// the token (only the newest printed link works); creating the admin consumes it.
import { z } from "zod";
import { generateSecret, hashSecret } from "@/lib/auth/secret-token";
import { type Db, sql } from "@/lib/db/sql";

const SETUP_TOKEN_TTL_HOURS = 24;

export async function replaceSetupToken(db: Db): Promise<string> {
  const fresh = generateSecret("tsu_");
  await db.execute(sql`DELETE FROM setup_tokens`);
  await db.execute(
    sql`INSERT INTO setup_tokens (token_hash, expires_at)
        VALUES (${fresh.hash}, now() + make_interval(hours => ${SETUP_TOKEN_TTL_HOURS}))`,
  );
  return fresh.key;
}

/** true (and the token is gone) when it was live; run in the transaction that creates the admin. */
export async function consumeSetupToken(db: Db, token: string): Promise<boolean> {
  const row = await db.one(
    sql`DELETE FROM setup_tokens WHERE token_hash = ${hashSecret(token)} RETURNING expires_at > now() AS live`,
    z.object({ live: z.boolean() }),
  );
  return row?.live === true;
}
