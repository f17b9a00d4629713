"use client";

import { type FormEvent, type ReactNode, useState } from "react";

const INPUT = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";

/** Email + password, shared by /login and /setup; `submit` throws an Error whose message is shown. */
export function CredentialsForm({
  title,
  intro,
  submitLabel,
  newPassword = false,
  submit,
}: {
  title: string;
  intro: ReactNode;
  submitLabel: string;
  /** the setup form: a new password, at least 12 characters */
  newPassword?: boolean;
  submit: (email: string, password: string) => Promise<void>;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await submit(email.trim(), password);
    } catch (failure) {
      setError((failure as Error).message);
      setPending(false);
    }
  };

  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <form
        onSubmit={(event) => void onSubmit(event)}
        className="flex w-full max-w-sm flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-6 text-sm shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h1 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">{title}</h1>
        <div className="text-zinc-600 dark:text-zinc-400">{intro}</div>
        <label className="flex flex-col gap-1">
          <span>Email</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className={INPUT}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span>Password</span>
          <input
            type="password"
            autoComplete={newPassword ? "new-password" : "current-password"}
            required
            minLength={newPassword ? 12 : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            className={INPUT}
          />
          {newPassword ? (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">At least 12 characters.</span>
          ) : null}
        </label>
        {error ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-blue-600 px-3 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50"
        >
          {pending ? "Please wait…" : submitLabel}
        </button>
      </form>
    </main>
  );
}
