import type { Metadata } from "next";
import { Suspense } from "react";
import { BudgetsView } from "@/components/budgets/budgets-view";
import { PageSkeleton } from "@/components/dashboard/page-skeleton";
import { AppHeader } from "@/components/layout/app-header";

export const metadata: Metadata = { title: "Budgets" };

/** `/budgets?window=15m&status=violated`: latency and error budgets, their value now and since when violated. */
export default function BudgetsPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageSkeleton />}>
        <BudgetsView />
      </Suspense>
    </>
  );
}
