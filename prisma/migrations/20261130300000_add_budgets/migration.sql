-- Latency and error budgets per endpoint (docs/budgets.md): set in the UI or loaded from
-- BUDGETS_FILE, one per service and endpoint. The worker role keeps each budget's state here
-- (since when it has been violated, what the webhook last announced) so several worker
-- processes agree on it, and queues webhook deliveries in budget_notifications (an outbox:
-- delivered with FOR UPDATE SKIP LOCKED, retried with exponential back-off).
CREATE TABLE "budgets" (
    "id" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p50_ms" DOUBLE PRECISION,
    "p95_ms" DOUBLE PRECISION,
    "p99_ms" DOUBLE PRECISION,
    "error_rate" DOUBLE PRECISION,
    -- where this budget's webhook goes; null: BUDGET_WEBHOOK_URL
    "webhook_url" TEXT,
    -- 'ui' (created or edited through the API) or 'file' (BUDGETS_FILE at start)
    "source" TEXT NOT NULL DEFAULT 'ui',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- the worker's view: when the current violation began (null while the budget holds)
    "violated_since" TIMESTAMPTZ(6),
    -- what the webhook last announced: 'ok' or 'violated'
    "notified_state" TEXT NOT NULL DEFAULT 'ok',
    "checked_at" TIMESTAMPTZ(6),
    CONSTRAINT "budgets_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "budgets_service_name_endpoint_key" ON "budgets" ("service_name", "endpoint");

CREATE TABLE "budget_notifications" (
    "id" BIGSERIAL NOT NULL,
    "budget_id" TEXT NOT NULL,
    -- 'violated' or 'recovered'
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(6),
    -- set when the last attempt failed and no more will be made
    "failed_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "budget_notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "budget_notifications_budget_id_fkey" FOREIGN KEY ("budget_id") REFERENCES "budgets" ("id") ON DELETE CASCADE
);

-- The deliveries still due, oldest first.
CREATE INDEX "budget_notifications_due_idx" ON "budget_notifications" ("next_attempt_at")
    WHERE "delivered_at" IS NULL AND "failed_at" IS NULL;
