"use client";

import Link from "next/link";
import { Panel } from "@/components/dashboard/dashboard-states";
import { SettingsTable, wideCell } from "@/components/settings/settings-table";
import type { TraceShareInfo } from "@/lib/contracts/share-schemas";
import { useTraceShareMutations, useTraceShares } from "@/lib/hooks/use-trace-shares";
import { traceHref } from "@/lib/trace/trace-url";

/** Settings › Share links: the public trace links that still open, with revoke. */
export function TraceSharesPanel() {
  const { data, error, isFetching, refetch } = useTraceShares();
  const { revoke } = useTraceShareMutations();

  return (
    <Panel
      title="Share links"
      description="Public read-only links to one trace, made with Share on a trace page. Anyone holding a link can see its trace until it expires or is revoked here."
    >
      {revoke.error ? (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
          {revoke.error.message}
        </p>
      ) : null}
      <SettingsTable
        what="the share links"
        error={error}
        loaded={data !== undefined}
        empty={data?.shares.length === 0}
        emptyText="No active share links."
        onRetry={() => void refetch()}
        retrying={isFetching}
        columns={[{ label: "Trace" }, { label: "Created", wide: true }, { label: "Expires" }]}
      >
        {data?.shares.map((share) => (
          <ShareRow
            key={share.id}
            share={share}
            revoking={revoke.isPending && revoke.variables === share.id}
            onRevoke={() => {
              if (window.confirm("Revoke this share link? Whoever has it can no longer open the trace.")) {
                revoke.mutate(share.id);
              }
            }}
          />
        ))}
      </SettingsTable>
    </Panel>
  );
}

function ShareRow({
  share,
  revoking,
  onRevoke,
}: {
  share: TraceShareInfo;
  revoking: boolean;
  onRevoke: () => void;
}) {
  const name = share.rootName ?? "trace no longer stored";
  return (
    <tr>
      <td className="py-1.5 pr-3">
        <Link
          href={traceHref(share.traceId)}
          className="break-words text-blue-700 underline underline-offset-2 dark:text-blue-400"
        >
          {name}
        </Link>
        <span className="block font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
          {share.rootService ? `${share.rootService} · ` : ""}
          {share.traceId}
        </span>
      </td>
      <td className={`py-1.5 pr-3 ${wideCell}`}>{new Date(share.createdAt).toLocaleString()}</td>
      <td className="py-1.5 pr-3">{new Date(share.expiresAt).toLocaleString()}</td>
      <td className="py-1.5 text-right">
        <button
          type="button"
          onClick={onRevoke}
          disabled={revoking}
          aria-label={`Revoke the share link to ${name}`}
          className="rounded-md border border-zinc-300 px-2 py-0.5 text-red-700 hover:bg-red-50 disabled:opacity-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950"
        >
          {revoking ? "Revoking…" : "Revoke"}
        </button>
      </td>
    </tr>
  );
}
