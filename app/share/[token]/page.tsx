import type { Metadata } from "next";
import { Suspense } from "react";
import { preload } from "react-dom";
import { SharedTraceHeader, SharedTraceView } from "@/components/share/shared-trace-view";
import { TraceSkeleton } from "@/components/trace/trace-states";
import { sharedTracePageDataHref } from "@/lib/trace/trace-url";

// PUBLIC: `/share/{token}` opens the one trace a share link names, read-only and without a session
// (docs/security.md § Public links). No app header, navigation or links elsewhere; its answers say
// Referrer-Policy: no-referrer (next.config.ts) and, being dynamic, Cache-Control: no-store.

export const metadata: Metadata = {
  title: "Shared trace",
  robots: { index: false, follow: false },
};

interface SharePageProps {
  params: Promise<{ token: string }>;
}

export default async function SharePage({ params }: SharePageProps) {
  const { token } = await params;
  preload(sharedTracePageDataHref(token), { as: "fetch", crossOrigin: "anonymous" });
  return (
    <div className="flex h-dvh flex-col">
      <SharedTraceHeader />
      {/* The trace view reads ?span= with useSearchParams, which needs a Suspense boundary. */}
      <Suspense fallback={<TraceSkeleton />}>
        <SharedTraceView token={token} />
      </Suspense>
    </div>
  );
}
