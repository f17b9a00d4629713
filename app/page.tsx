import type { Metadata } from "next";
import { Suspense } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { OverviewSkeleton } from "@/components/overview/service-section";
import { ServicesOverview } from "@/components/overview/services-overview";

export const metadata: Metadata = { title: "Services" };

/** `/?range=1h&service=…&sort=p99&dir=desc`: services and their endpoints. */
export default function OverviewPage() {
  return (
    <>
      <AppHeader />
      {/* The overview reads its state (range, service, sort) from the URL with useSearchParams. */}
      <Suspense fallback={<PageFallback />}>
        <ServicesOverview />
      </Suspense>
    </>
  );
}

function PageFallback() {
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-6">
      <OverviewSkeleton />
    </main>
  );
}
