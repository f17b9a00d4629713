// useSessionInfo → GET /api/auth/session (who is signed in, admin or not, UI_AUTH on or off);
// signIn / setUpAdmin / signOut → POST /api/auth/login | setup | logout.
import { useQuery } from "@tanstack/react-query";
import { type SessionInfo, sessionInfoSchema } from "@/lib/contracts/auth-schemas";
import { fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";

export function useSessionInfo() {
  return useQuery<SessionInfo, Error>({
    queryKey: ["session-info"],
    queryFn: ({ signal }) => fetchApi("/api/auth/session", {}, sessionInfoSchema, signal),
    retry: retryTransient,
    staleTime: 60_000,
  });
}

export async function signIn(email: string, password: string): Promise<void> {
  await sendApi("POST", "/api/auth/login", { email, password });
}

export async function setUpAdmin(token: string, email: string, password: string): Promise<void> {
  await sendApi("POST", "/api/auth/setup", { token, email, password });
}

export async function signOut(): Promise<void> {
  await sendApi("POST", "/api/auth/logout");
}
