import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { TraceCompareView } from "@/components/traces/trace-compare-view";
import { parseTraceIdInput } from "@/lib/trace/trace-url";

export const metadata: Metadata = { title: "Compare traces" };

interface ComparePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** `/traces/compare?a={traceId}&b={traceId}`: two traces aligned by service + span name path. */
export default async function CompareTracesPage({ searchParams }: ComparePageProps) {
  const params = await searchParams;
  const read = (name: string) => {
    const value = params[name];
    return typeof value === "string" ? parseTraceIdInput(value) : null;
  };
  const a = read("a");
  const b = read("b");
  return (
    <>
      <AppHeader />
      <TraceCompareView a={a} b={b} />
    </>
  );
}
