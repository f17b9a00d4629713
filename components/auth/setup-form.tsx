"use client";

import { useSearchParams } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { setUpAdmin } from "@/lib/hooks/use-session-info";

/** /setup?token=…: the first start's one-time link creates the admin account and signs in. */
export function SetupForm() {
  const token = useSearchParams().get("token");
  if (!token) {
    return (
      <main className="flex min-h-screen items-center justify-center px-4 text-sm">
        <p role="alert" className="max-w-sm text-zinc-700 dark:text-zinc-300">
          This page needs the one-time link Tracewell printed when it started with no user (/setup?token=…).
          Already set up?{" "}
          <a href="/login" className="text-blue-700 underline dark:text-blue-400">
            Sign in
          </a>
          .
        </p>
      </main>
    );
  }
  return (
    <CredentialsForm
      title="Create the admin account"
      intro="The first account administers this Tracewell: users, ingest keys, API tokens and storage."
      submitLabel="Create admin"
      newPassword
      submit={async (email, password) => {
        await setUpAdmin(token, email, password);
        window.location.assign("/");
      }}
    />
  );
}
