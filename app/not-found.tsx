import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";

export default function NotFound() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto flex max-w-xl flex-col gap-3 px-4 py-16">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          There is nothing at this address. Trace links look like{" "}
          <code className="font-mono text-sm">/traces/4bf92f3577b34da6a3ce929d0e0e4736</code>.
        </p>
        <Link href="/" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
          Back to Tracewell
        </Link>
      </main>
    </>
  );
}
