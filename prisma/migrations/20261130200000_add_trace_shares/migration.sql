-- Public links to one trace (`/share/{token}`): only a SHA-256 of each token is kept; the link
-- itself is shown once, at creation. No foreign key to traces: a share outlives nothing, but the
-- trace's row may be dropped by retention first (the link then answers 404 like the trace API).
-- `created_by` is the user who made it, once sessions exist (null before, or for a script).
CREATE TABLE "trace_shares" (
    "id" TEXT NOT NULL,
    "trace_id" BYTEA NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "created_by" TEXT,
    CONSTRAINT "trace_shares_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "trace_shares_token_hash_key" ON "trace_shares"("token_hash");
CREATE INDEX "trace_shares_expires_at_idx" ON "trace_shares"("expires_at");
