"use client";

import { ErrorPanel, Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AdminOnly } from "@/components/settings/admin-only";
import { formatBytes } from "@/lib/format/bytes";
import { formatCount } from "@/lib/format/metrics";
import { useStorage } from "@/lib/hooks/use-storage";

const KINDS = [
  ["spans", "Spans"],
  ["traces", "Traces"],
  ["rollups", "Latency and cache rollups"],
  ["metrics", "Metric points and series"],
] as const;

/** Settings › Storage (admins): what each kind of data takes, its oldest data, and the disk budget. */
export function StoragePanel() {
  return (
    <AdminOnly>
      <StoragePanelContent />
    </AdminOnly>
  );
}

function StoragePanelContent() {
  const { data, error, isFetching, refetch } = useStorage();
  return (
    <Panel
      title="Storage"
      description="Rows are PostgreSQL's estimates; sizes include indexes. Retention and MAX_DISK_BYTES keep them bounded."
    >
      {error && !data ? (
        <ErrorPanel
          title="Could not load the storage figures"
          error={error}
          onRetry={() => void refetch()}
          retrying={isFetching}
        />
      ) : !data ? (
        <SkeletonBlock className="h-24" />
      ) : (
        <>
          <p className="mb-2 text-sm">
            Database: <strong>{formatBytes(data.totalBytes)}</strong>
            {data.maxDiskBytes === null
              ? " (no disk budget: MAX_DISK_BYTES is unset)"
              : ` of a ${formatBytes(data.maxDiskBytes)} budget (MAX_DISK_BYTES): the oldest days go first beyond it`}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-1 pr-3 font-medium">Data</th>
                  <th className="py-1 pr-3 text-right font-medium">Rows</th>
                  <th className="py-1 pr-3 text-right font-medium">Size</th>
                  <th className="py-1 font-medium">Oldest</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {KINDS.map(([kind, label]) => (
                  <tr key={kind}>
                    <td className="py-1.5 pr-3">{label}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(data[kind].rows)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatBytes(data[kind].bytes)}</td>
                    <td className="py-1.5">
                      {data[kind].oldest ? new Date(data[kind].oldest).toLocaleString() : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Panel>
  );
}
