import type { Metadata } from "next";
import { Suspense } from "react";
import { CachesView } from "@/components/caches/caches-view";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";

export const metadata: Metadata = { title: "Caches" };

/** `/caches?range=1h&service=…`: which endpoints miss the cache most, and which caches are involved. */
export default function CachesPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <CachesView />
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
