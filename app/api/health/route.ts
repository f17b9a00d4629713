// GET /api/health – 200 {"status":"ok"} once the database is reachable and migrated, else 503.
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/db/readiness";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
