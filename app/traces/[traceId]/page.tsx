import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { preload } from "react-dom";
import { AppHeader } from "@/components/layout/app-header";
import { TraceSkeleton } from "@/components/trace/trace-states";
import { TraceView } from "@/components/trace/trace-view";
import { traceIdPattern } from "@/lib/model/traces";
import { traceHref, tracePageDataHref, traceSource } from "@/lib/trace/trace-url";

interface TracePageProps {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: TracePageProps): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${traceId.slice(0, 8)}` };
}

export default async function TracePage({ params, searchParams }: TracePageProps) {
  const { traceId } = await params;
  // Some tools print trace ids in upper case; the canonical link is lower case.
  const lower = traceId.toLowerCase();
  if (lower !== traceId && traceIdPattern.test(lower)) {
    const span = (await searchParams).span;
    redirect(traceHref(lower, typeof span === "string" ? span : null));
  }
  // The browser starts loading the spans while it parses the HTML, not after hydration
  // (~0.4 s later on the 2-core machine); useTrace's fetch of the same URL takes this response.
  if (traceIdPattern.test(traceId))
    preload(tracePageDataHref(traceId), { as: "fetch", crossOrigin: "anonymous" });
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader />
      {/* The trace view reads ?span= with useSearchParams, which needs a Suspense boundary. */}
      <Suspense fallback={<TraceSkeleton />}>
        <TraceView traceId={traceId} source={traceSource(traceId)} />
      </Suspense>
    </div>
  );
}
