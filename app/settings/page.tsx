import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";
import { AccessSettings } from "@/components/settings/access-settings";
import { IngestKeysPanel } from "@/components/settings/ingest-keys-panel";
import { StoragePanel } from "@/components/settings/storage-panel";
import { TraceSharesPanel } from "@/components/settings/trace-shares-panel";

export const metadata: Metadata = { title: "Settings" };

/** `/settings`: ingest keys (create, list, revoke), share links (list, revoke) and what the data takes on disk. */
export default function SettingsPage() {
  return (
    <>
      <AppHeader />
      <DashboardShell title="Settings" subtitle="Who may send data to this Tracewell, and what it keeps.">
        <AccessSettings />
        <IngestKeysPanel />
        <TraceSharesPanel />
        <StoragePanel />
      </DashboardShell>
    </>
  );
}
