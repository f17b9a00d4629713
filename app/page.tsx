import { ExporterSetup } from "@/components/home/exporter-setup";
import { TraceIdForm } from "@/components/home/trace-id-form";
import { AppHeader } from "@/components/layout/app-header";

export default function HomePage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto flex w-full max-w-3xl flex-col gap-10 px-4 py-10">
        <div className="flex flex-col gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">Traces</h1>
          <p className="text-zinc-600 dark:text-zinc-400">
            Open a trace by its id, or follow a link that someone shared.
          </p>
        </div>
        <TraceIdForm />
        <ExporterSetup />
      </main>
    </>
  );
}
