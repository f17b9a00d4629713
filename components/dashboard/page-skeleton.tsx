import { SkeletonBlock } from "@/components/dashboard/dashboard-states";

/** What a dashboard page shows while its URL's parameters are not known yet (the Suspense fallback). */
export function PageSkeleton() {
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-6" aria-busy="true">
      <SkeletonBlock className="h-8 w-48" />
      <SkeletonBlock className="h-48" />
    </main>
  );
}
