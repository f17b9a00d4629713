// POST /api/keys: the same creation as the CLI and the first start (lib/auth owns the key format).
export { createIngestKey } from "@/lib/auth/create-ingest-key";
