// The admin's side of access: useUsers → GET /api/users (+ POST, DELETE /api/users/{id}),
// useSessions → GET /api/sessions (+ DELETE /api/sessions/{id}), useApiTokens → GET /api/tokens
// (+ POST, the token shown once; DELETE /api/tokens/{id}).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  apiTokensResponseSchema,
  type CreatedApiTokenResponse,
  createdApiTokenSchema,
  sessionsResponseSchema,
  type UserInfo,
  userSchema,
  usersResponseSchema,
} from "@/lib/contracts/auth-schemas";
import { fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";
import type { UserRole } from "@/lib/model/principal";

function useList<T>(path: string, schema: z.ZodType<T>) {
  return useQuery<T, Error>({
    queryKey: [path],
    queryFn: ({ signal }) => fetchApi(path, {}, schema, signal),
    retry: retryTransient,
  });
}

/** DELETE `path/{id}`, then refresh the list. */
function useDelete(path: string) {
  const client = useQueryClient();
  const remove = useMutation<unknown, Error, string>({
    mutationFn: (id) => sendApi("DELETE", `${path}/${encodeURIComponent(id)}`),
    onSettled: () => void client.invalidateQueries({ queryKey: [path] }),
  });
  return { remove };
}

/** POST to `path` (the answer checked by `schema`) and DELETE `path/{id}`; both refresh the list. */
function useCreateAndDelete<Created, Request>(path: string, schema: z.ZodType<Created>) {
  const client = useQueryClient();
  const create = useMutation<Created, Error, Request>({
    mutationFn: async (request) => schema.parse(await sendApi("POST", path, request)),
    onSettled: () => void client.invalidateQueries({ queryKey: [path] }),
  });
  return { create, ...useDelete(path) };
}

export const useUsers = () => useList("/api/users", usersResponseSchema);
export const useUserMutations = () =>
  useCreateAndDelete<UserInfo, { email: string; password: string; role: UserRole }>("/api/users", userSchema);

export const useSessions = () => useList("/api/sessions", sessionsResponseSchema);
export const useSessionMutations = () => useDelete("/api/sessions");

export const useApiTokens = () => useList("/api/tokens", apiTokensResponseSchema);
export const useApiTokenMutations = () =>
  useCreateAndDelete<CreatedApiTokenResponse, { name: string; expiresInDays?: number }>(
    "/api/tokens",
    createdApiTokenSchema,
  );
