// GET /api/health – 200 {"status":"ok"} once the database is reachable and migrated, else 503.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { getHealth } from "@/lib/queries/health/get-health";

export const GET = apiRoute(async ({ db }) => {
  const health = await getHealth(db);
  return NextResponse.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
