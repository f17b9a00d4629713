import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";
import { IngestKeysPanel } from "@/components/settings/ingest-keys-panel";

export const metadata: Metadata = { title: "Settings" };

/** `/settings`: ingest keys (create, list, revoke). */
export default function SettingsPage() {
  return (
    <>
      <AppHeader />
      <DashboardShell title="Settings" subtitle="Who may send data to this Tracewell.">
        <IngestKeysPanel />
      </DashboardShell>
    </>
  );
}
