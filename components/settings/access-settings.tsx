"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { ErrorPanel, Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { AdminOnly } from "@/components/settings/admin-only";
import type { CreatedApiTokenResponse } from "@/lib/contracts/auth-schemas";
import {
  useApiTokenMutations,
  useApiTokens,
  useSessionMutations,
  useSessions,
  useUserMutations,
  useUsers,
} from "@/lib/hooks/use-access-admin";
import { useSessionInfo } from "@/lib/hooks/use-session-info";
import type { UserRole } from "@/lib/model/principal";

const INPUT = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";
const PRIMARY =
  "rounded-md bg-blue-600 px-3 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50";
const DANGER =
  "rounded-md border border-zinc-300 px-2 py-0.5 text-red-700 hover:bg-red-50 disabled:opacity-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950";

/** Settings › Account (everyone), and for admins › Users, API tokens, Sessions. */
export function AccessSettings() {
  return (
    <>
      <AccountPanel />
      <AdminOnly>
        <UsersPanel />
        <ApiTokensPanel />
        <SessionsPanel />
      </AdminOnly>
    </>
  );
}

function AccountPanel() {
  const { data } = useSessionInfo();
  if (!data) return null;
  return (
    <Panel title="Account">
      <p className="text-sm" data-testid="account-summary">
        {data.uiAuth === "off"
          ? "UI_AUTH=off: nobody signs in, and anyone who can reach this dashboard can read and change everything. Unset UI_AUTH to require accounts."
          : data.user
            ? `Signed in as ${data.user.email} (${data.user.role}).`
            : "Reading with an API token."}
      </p>
    </Panel>
  );
}

function UsersPanel() {
  const users = useUsers();
  const { create, remove } = useUserMutations();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<UserRole>("viewer");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email: email.trim(), password, role },
      {
        onSuccess: () => {
          setEmail("");
          setPassword("");
        },
      },
    );
  };
  return (
    <Panel title="Users" description="Admins manage users, keys, tokens and storage; viewers read and pin.">
      <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <TextField label="New user's email" type="email" value={email} onChange={setEmail} />
        <TextField
          label="Password (12+ characters)"
          type="password"
          value={password}
          onChange={setPassword}
        />
        <label className="flex flex-col gap-1">
          <span className="text-zinc-600 dark:text-zinc-400">Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as UserRole)} className={INPUT}>
            <option value="viewer">viewer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending} className={PRIMARY}>
          {create.isPending ? "Adding…" : "Add user"}
        </button>
      </form>
      <MutationError error={create.error ?? remove.error} />
      <Loaded query={users} what="the users">
        {(data) =>
          data.users.map((user) => (
            <ListRow
              key={user.id}
              label={user.email}
              detail={user.role}
              action="Delete"
              actionLabel={`Delete ${user.email}`}
              busy={remove.isPending}
              onAction={() => {
                if (window.confirm(`Delete ${user.email}? Their sessions end at once.`))
                  remove.mutate(user.id);
              }}
            />
          ))
        }
      </Loaded>
    </Panel>
  );
}

function ApiTokensPanel() {
  const tokens = useApiTokens();
  const { create, remove } = useApiTokenMutations();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiTokenResponse | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (token) => {
          setCreated(token);
          setName("");
        },
      },
    );
  };
  return (
    <Panel
      title="API tokens"
      description="Read-only access for scripts and CI: `Authorization: Bearer <token>` on GET /api/*. Stored hashed: a new token is shown once."
    >
      <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <TextField label="Token name (the script or CI job)" type="text" value={name} onChange={setName} />
        <button type="submit" disabled={create.isPending || name.trim() === ""} className={PRIMARY}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      <MutationError error={create.error ?? remove.error} />
      {created ? (
        <output
          aria-label="New API token"
          className="mb-4 block break-all rounded-md border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950"
        >
          Token “{created.name}”, shown only now (copy it):{" "}
          <code data-testid="new-api-token" className="font-mono">
            {created.token}
          </code>
        </output>
      ) : null}
      <Loaded query={tokens} what="the API tokens">
        {(data) =>
          data.tokens.length === 0 ? (
            <li className="py-1.5 text-zinc-600 dark:text-zinc-400">No API tokens yet.</li>
          ) : (
            data.tokens.map((token) => (
              <ListRow
                key={token.id}
                label={`${token.name} (${token.prefix}…)`}
                detail={
                  token.revokedAt
                    ? "revoked"
                    : `last used ${token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : "never"}`
                }
                action={token.revokedAt ? null : "Revoke"}
                actionLabel={`Revoke token ${token.name}`}
                busy={remove.isPending}
                onAction={() => remove.mutate(token.id)}
              />
            ))
          )
        }
      </Loaded>
    </Panel>
  );
}

function SessionsPanel() {
  const sessions = useSessions();
  const { remove } = useSessionMutations();
  return (
    <Panel title="Sessions" description="Signed-in browsers. Ending one signs it out at its next request.">
      <MutationError error={remove.error} />
      <Loaded query={sessions} what="the sessions">
        {(data) =>
          data.sessions.map((session) => (
            <ListRow
              key={session.id}
              label={`${session.email}${session.current ? " (this browser)" : ""}`}
              detail={`seen ${new Date(session.lastSeenAt).toLocaleString()} · expires ${new Date(session.expiresAt).toLocaleDateString()}`}
              action="End"
              actionLabel={`End session of ${session.email}`}
              busy={remove.isPending}
              onAction={() => remove.mutate(session.id)}
            />
          ))
        }
      </Loaded>
    </Panel>
  );
}

/** A list once loaded; its skeleton while loading; the error with a retry when it fails. */
function Loaded<T>({
  query,
  what,
  children,
}: {
  query: { data: T | undefined; error: Error | null; isFetching: boolean; refetch: () => unknown };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.error && !query.data) {
    return (
      <ErrorPanel
        title={`Could not load ${what}`}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  if (!query.data) return <SkeletonBlock className="h-16" />;
  return <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">{children(query.data)}</ul>;
}

function TextField({
  label,
  type,
  value,
  onChange,
}: {
  label: string;
  type: "email" | "password" | "text";
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex min-w-0 flex-1 flex-col gap-1">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <input
        type={type}
        required
        maxLength={type === "text" ? 100 : undefined}
        minLength={type === "password" ? 12 : undefined}
        autoComplete={type === "password" ? "new-password" : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={INPUT}
      />
    </label>
  );
}

function ListRow({
  label,
  detail,
  action,
  actionLabel,
  busy,
  onAction,
}: {
  label: string;
  detail: string;
  action: string | null;
  actionLabel: string;
  busy: boolean;
  onAction: () => void;
}) {
  return (
    <li className="flex flex-wrap items-center gap-2 py-1.5">
      <span className="min-w-0 flex-1 break-all">{label}</span>
      <span className="text-zinc-500 dark:text-zinc-400">{detail}</span>
      {action === null ? null : (
        <button type="button" aria-label={actionLabel} disabled={busy} onClick={onAction} className={DANGER}>
          {action}
        </button>
      )}
    </li>
  );
}

function MutationError({ error }: { error: Error | null }) {
  return error ? (
    <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
      {error.message}
    </p>
  ) : null;
}
