import type { Metadata } from "next";
import { Suspense } from "react";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";
import { MetricsView } from "@/components/metrics/metrics-view";

export const metadata: Metadata = { title: "Metrics" };

/** `/metrics?metric=…&stat=…&groupBy=…&filter=key=value&range=1h`: explore and chart OTLP metrics. */
export default function MetricsPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <MetricsView />
      </Suspense>
    </>
  );
}

function PageFallback() {
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-6" aria-busy="true">
      <SkeletonBlock className="h-8 w-48" />
      <SkeletonBlock className="h-72" />
    </main>
  );
}
