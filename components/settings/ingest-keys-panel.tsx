"use client";

import { type FormEvent, useState } from "react";
import { Panel } from "@/components/dashboard/dashboard-states";
import { AdminOnly } from "@/components/settings/admin-only";
import { SettingsTable } from "@/components/settings/settings-table";
import type { CreatedKey, IngestKeyInfo } from "@/lib/contracts/key-schemas";
import { useIngestKeyMutations, useIngestKeys } from "@/lib/hooks/use-ingest-keys";

/** Settings › Ingest keys (admins): create (the key is shown once), list and revoke; warns when ingest is open. */
export function IngestKeysPanel() {
  return (
    <AdminOnly>
      <IngestKeysPanelContent />
    </AdminOnly>
  );
}

function IngestKeysPanelContent() {
  const { data, error, isFetching, refetch } = useIngestKeys();
  const { create, revoke } = useIngestKeyMutations();
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [copied, setCopied] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCopied(false);
    create.mutate(
      { name: name.trim(), ...(expires ? { expiresInDays: Number(expires) } : {}) },
      {
        onSuccess: (key) => {
          setCreated(key);
          setName("");
          setExpires("");
        },
      },
    );
  };

  return (
    <Panel
      title="Ingest keys"
      description="Services send OTLP with `Authorization: Bearer <key>`. Keys are stored hashed: a new key is shown once."
    >
      {data?.ingestAuth === "open" ? (
        <p
          role="alert"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          INGEST_AUTH=open: this instance accepts data from anyone who can reach its OTLP ports, with or
          without a key. Unset it to require keys.
        </p>
      ) : null}
      <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="text-zinc-600 dark:text-zinc-400">
            Name (the service or team that sends with it)
          </span>
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={100}
            placeholder="checkout-service"
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="flex w-36 flex-col gap-1">
          <span className="text-zinc-600 dark:text-zinc-400">Expires in days</span>
          <input
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
            type="number"
            min={1}
            max={3650}
            placeholder="never"
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button
          type="submit"
          disabled={create.isPending || name.trim() === ""}
          className="rounded-md bg-blue-600 px-3 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50"
        >
          {create.isPending ? "Creating…" : "Create key"}
        </button>
      </form>
      {create.error ? (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
          {create.error.message}
        </p>
      ) : null}
      {created ? (
        <section
          aria-label="New ingest key"
          className="mb-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950"
        >
          <p className="font-medium">
            Key “{created.name}” created. Copy it now: it will not be shown again.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              data-testid="new-key"
              className="min-w-0 break-all rounded bg-white px-2 py-1 font-mono dark:bg-zinc-900"
            >
              {created.key}
            </code>
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(created.key).then(() => setCopied(true));
              }}
              className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="mt-2 break-all text-zinc-600 dark:text-zinc-400">
            OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer {created.key}"
          </p>
        </section>
      ) : null}
      <SettingsTable
        what="the ingest keys"
        error={error}
        loaded={data !== undefined}
        empty={data?.keys.length === 0}
        emptyText="No ingest keys yet."
        onRetry={() => void refetch()}
        retrying={isFetching}
        columns={[
          { label: "Name" },
          { label: "Key" },
          { label: "Status" },
          { label: "Created", wide: true },
          { label: "Last used", wide: true },
        ]}
      >
        {data?.keys.map((key) => (
          <KeyRow
            key={key.id}
            ingestKey={key}
            revoking={revoke.isPending && revoke.variables === key.id}
            onRevoke={() => {
              if (
                window.confirm(`Revoke “${key.name}”? Services sending with it are refused within seconds.`)
              ) {
                revoke.mutate(key.id);
              }
            }}
          />
        ))}
      </SettingsTable>
    </Panel>
  );
}

function KeyRow({
  ingestKey,
  revoking,
  onRevoke,
}: {
  ingestKey: IngestKeyInfo;
  revoking: boolean;
  onRevoke: () => void;
}) {
  const expired = ingestKey.expiresAt !== null && Date.parse(ingestKey.expiresAt) <= Date.now();
  const status = ingestKey.revokedAt
    ? "revoked"
    : expired
      ? "expired"
      : ingestKey.expiresAt
        ? `active, expires ${new Date(ingestKey.expiresAt).toLocaleDateString()}`
        : "active";
  return (
    <tr>
      <td className="py-1.5 pr-3 break-words">{ingestKey.name}</td>
      <td className="py-1.5 pr-3 font-mono text-xs">{ingestKey.prefix}…</td>
      <td className="py-1.5 pr-3">{status}</td>
      <td className="hidden py-1.5 pr-3 sm:table-cell">{new Date(ingestKey.createdAt).toLocaleString()}</td>
      <td className="hidden py-1.5 pr-3 sm:table-cell">
        {ingestKey.lastUsedAt ? new Date(ingestKey.lastUsedAt).toLocaleString() : "never"}
      </td>
      <td className="py-1.5 text-right">
        {ingestKey.revokedAt ? null : (
          <button
            type="button"
            onClick={onRevoke}
            disabled={revoking}
            aria-label={`Revoke ${ingestKey.name}`}
            className="rounded-md border border-zinc-300 px-2 py-0.5 text-red-700 hover:bg-red-50 disabled:opacity-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950"
          >
            {revoking ? "Revoking…" : "Revoke"}
          </button>
        )}
      </td>
    </tr>
  );
}
