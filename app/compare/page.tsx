import type { Metadata } from "next";
import { Suspense } from "react";
import { CompareView } from "@/components/compare/compare-view";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";

export const metadata: Metadata = { title: "Compare versions" };

/** `/compare?service=…&baseline=version:…&candidate=version:…&range=1h`: before and after, per endpoint. */
export default function ComparePage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <CompareView />
      </Suspense>
    </>
  );
}

function PageFallback() {
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-6" aria-busy="true">
      <SkeletonBlock className="h-8 w-64" />
      <SkeletonBlock className="h-48" />
    </main>
  );
}
