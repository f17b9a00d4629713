import type { Metadata } from "next";
import { Suspense } from "react";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";
import { TraceSearchView } from "@/components/traces/trace-search-view";

export const metadata: Metadata = { title: "Traces" };

/** `/traces?service=…&endpoint=…&status=error&from=MS&to=MS&sort=duration`: trace search (docs/api.md). */
export default function TracesPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <TraceSearchView />
      </Suspense>
    </>
  );
}

function PageFallback() {
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-6" aria-busy="true">
      <SkeletonBlock className="h-8 w-96 max-w-full" />
      <SkeletonBlock className="h-72" />
    </main>
  );
}
