// GET /api/keys – ingest keys, newest first (names, prefixes, dates; never a secret).
// POST /api/keys {name, expiresInDays?} – a new key: 201 with the key itself, shown this once.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { ingestAuthMode } from "@/lib/api/ingest-auth-mode";
import { type CreatedKey, createKeyRequestSchema, type KeysResponse } from "@/lib/contracts/key-schemas";
import { BadRequestError } from "@/lib/model/request-errors";
import { createIngestKey } from "@/lib/queries/keys/create-ingest-key";
import { listIngestKeys } from "@/lib/queries/keys/list-ingest-keys";

export const GET = apiRoute(
  async ({ db }): Promise<KeysResponse> => ({ keys: await listIngestKeys(db), ingestAuth: ingestAuthMode() }),
  { admin: true },
);

export const POST = apiRoute(
  async ({ db, request }) => {
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      json = undefined;
    }
    const body = createKeyRequestSchema.safeParse(json);
    if (!body.success) {
      throw new BadRequestError(
        `the body must be JSON like {"name": "checkout-service", "expiresInDays": 90} (expiresInDays optional, 1–3650): ${body.error.issues[0]?.message ?? "invalid"}`,
      );
    }
    const created: CreatedKey = await createIngestKey(db, body.data.name, body.data.expiresInDays);
    return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { admin: true },
);
