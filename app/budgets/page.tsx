import type { Metadata } from "next";
import { Suspense } from "react";
import { BudgetsView } from "@/components/budgets/budgets-view";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AppHeader } from "@/components/layout/app-header";

export const metadata: Metadata = { title: "Budgets" };

/** `/budgets?window=15m&status=violated`: latency and error budgets, their value now and since when violated. */
export default function BudgetsPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <BudgetsView />
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
