// Who may send OTLP data (INGEST_AUTH). By default every export must carry an ingest key,
// `Authorization: Bearer twk_…`, checked here once for both transports (the receivers' single
// authorize step). On the first start, with no key yet, one is created, printed and saved to
// DATA_DIR/ingest-key, so `npm install && npm start` still takes two commands: the demo and the
// README's examples read it from there.
import { timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { createIngestKey } from "@/lib/auth/create-ingest-key";
import { bearerToken, hashIngestKey } from "@/lib/auth/ingest-key";
import { IngestKeyVerifier } from "@/lib/auth/ingest-key-verifier";
import type { TracewellConfig } from "@/lib/config";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { type PoolDb, sql } from "@/lib/db/sql";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import {
  type AuthorizeIngest,
  allowAllIngest,
  IngestUnauthorizedError,
} from "@/lib/ingest/receivers/authorize";
import { IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";
import { logger } from "@/lib/log/logger";

const HOW_TO =
  "Send it as `Authorization: Bearer <key>` (with the OpenTelemetry SDKs: " +
  "OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20<key>). Create keys on /settings or with " +
  "`npm run tracewell -- keys create <name>`; a new install saved its first key in DATA_DIR/ingest-key.";

export function createIngestAuthorizer(db: PoolDb, config: TracewellConfig): AuthorizeIngest {
  if (config.ingestAuth.mode === "open") return allowAllIngest;
  const verifier = new IngestKeyVerifier(db);
  const envHash = config.ingestAuth.envKey ? hashIngestKey(config.ingestAuth.envKey) : null;
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (token === null) {
      throw new IngestUnauthorizedError(`this Tracewell needs an ingest key. ${HOW_TO}`);
    }
    if (envHash && timingSafeEqual(hashIngestKey(token), envHash)) {
      return { keyId: null, label: "TRACEWELL_INGEST_KEY" };
    }
    let key: Awaited<ReturnType<IngestKeyVerifier["verify"]>>;
    try {
      key = await verifier.verify(token);
    } catch (error) {
      // Not the sender's fault: retry later (503), not "wrong key" (401).
      if (isDatabaseUnavailable(error))
        throw new IngestUnavailableError("cannot check the ingest key now; retry shortly");
      throw error;
    }
    if (key === null) {
      throw new IngestUnauthorizedError(`the ingest key is not known, revoked or expired. ${HOW_TO}`);
    }
    return { keyId: key.id, label: key.name };
  };
}

/**
 * The first start in INGEST_AUTH=keys mode: when no key was ever created (and none is given in
 * TRACEWELL_INGEST_KEY), creates "default", saves it to DATA_DIR/ingest-key (owner-only) and says
 * how to use it. Several processes starting at once create one key between them.
 * `say` is the start banner (plain text for the person starting Tracewell): the one place a key is
 * printed, once, as it is created; log lines never carry one.
 */
export async function ensureFirstIngestKey(
  db: PoolDb,
  config: TracewellConfig,
  say: (line: string) => void,
): Promise<void> {
  if (config.ingestAuth.mode === "open") {
    logger.warn(
      "INGEST_AUTH=open: anyone who can reach the OTLP ports may send data (use on a trusted network only)",
    );
    return;
  }
  if (config.ingestAuth.envKey) return;
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AdvisoryLock.FIRST_INGEST_KEY})`);
    const any = await tx.one(sql`SELECT count(*)::int AS n FROM ingest_keys`, z.object({ n: z.number() }));
    return (any?.n ?? 0) === 0 ? createIngestKey(tx, "default") : null;
  });
  if (created === null) return;
  const file = path.join(config.dataDir, "ingest-key");
  await fs.mkdir(config.dataDir, { recursive: true });
  await fs.writeFile(file, `${created.key}\n`, { mode: 0o600 });
  say(`Created the first ingest key "default" (${created.prefix}…), saved in ${file}.`);
  say(`  Send with it: OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer ${created.key}"`);
}
