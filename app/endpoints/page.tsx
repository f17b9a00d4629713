import type { Metadata } from "next";
import { Suspense } from "react";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { EndpointView } from "@/components/endpoint/endpoint-view";
import { AppHeader } from "@/components/layout/app-header";

interface EndpointPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: EndpointPageProps): Promise<Metadata> {
  const { endpoint } = await searchParams;
  return { title: typeof endpoint === "string" && endpoint ? endpoint : "Endpoint" };
}

/** `/endpoints?service=…&endpoint=…&range=1h`: query parameters, since endpoint names hold `/`, `{}` and spaces. */
export default function EndpointPage() {
  return (
    <>
      <AppHeader />
      <Suspense fallback={<PageFallback />}>
        <EndpointView />
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
