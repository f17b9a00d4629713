// INGEST_AUTH for GET /api/keys, so /settings can warn when ingest is open.
import { loadConfig } from "@/lib/config";

export function ingestAuthMode(): "keys" | "open" {
  return loadConfig().ingestAuth.mode;
}
