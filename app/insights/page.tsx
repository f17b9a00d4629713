import type { Metadata } from "next";
import { Suspense } from "react";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { InsightsView } from "@/components/insights/insights-view";
import { AppHeader } from "@/components/layout/app-header";

export const metadata: Metadata = { title: "Insights" };

/** `/insights?range=1h&service=…`: N+1 calls, sequential calls, slow queries and cache misses, most time to save first. */
export default function InsightsPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <InsightsView />
      </Suspense>
    </>
  );
}

function PageFallback() {
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-6" aria-busy="true">
      <SkeletonBlock className="h-8 w-48" />
      <SkeletonBlock className="h-48" />
    </main>
  );
}
