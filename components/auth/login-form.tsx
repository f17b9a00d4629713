"use client";

import { useSearchParams } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { signIn } from "@/lib/hooks/use-session-info";
import { signInNext } from "@/lib/url-state/sign-in-next";

/** /login?next=…: signs in, then opens `next` (a path on this site) with a full page load. */
export function LoginForm() {
  const next = signInNext(useSearchParams().get("next"));
  return (
    <CredentialsForm
      title="Sign in to Tracewell"
      intro="Traces can hold URLs, SQL and user ids: this dashboard needs an account."
      submitLabel="Sign in"
      submit={async (email, password) => {
        await signIn(email, password);
        window.location.assign(next);
      }}
    />
  );
}
