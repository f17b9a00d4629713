-- Ingest keys (OTLP `Authorization: Bearer twk_…`): only a SHA-256 of each key is kept; the key
-- itself is shown once, at creation. `prefix` (the key's first characters) tells keys apart in
-- lists. A key stops working when revoked or past its expiry.
CREATE TABLE "ingest_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "last_used_at" TIMESTAMPTZ(6),
    CONSTRAINT "ingest_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ingest_keys_key_hash_key" ON "ingest_keys"("key_hash");
