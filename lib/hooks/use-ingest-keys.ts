// useIngestKeys → GET /api/keys; useIngestKeyMutations → POST /api/keys (the key is in the answer,
// shown once) and DELETE /api/keys/{id}.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type CreatedKey,
  createdKeySchema,
  type KeysResponse,
  keysResponseSchema,
} from "@/lib/contracts/key-schemas";
import { ApiError, fetchApi, retryTransient } from "@/lib/hooks/fetch-api";

const keysKey = ["ingest-keys"] as const;
const errorBody = z.object({ error: z.string() });

export function useIngestKeys() {
  return useQuery<KeysResponse, Error>({
    queryKey: keysKey,
    queryFn: ({ signal }) => fetchApi("/api/keys", {}, keysResponseSchema, signal),
    retry: retryTransient,
  });
}

async function send(method: "POST" | "DELETE", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const message = errorBody.safeParse(json).data?.error ?? `The server answered ${response.status}.`;
    throw new ApiError(response.status === 400 ? "bad-request" : "server", message, response.status);
  }
  return json;
}

export function useIngestKeyMutations() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: keysKey });
  const create = useMutation<CreatedKey, Error, { name: string; expiresInDays?: number }>({
    mutationFn: async (request) => createdKeySchema.parse(await send("POST", "/api/keys", request)),
    onSettled: settle,
  });
  const revoke = useMutation<unknown, Error, string>({
    mutationFn: (id) => send("DELETE", `/api/keys/${encodeURIComponent(id)}`),
    onSettled: settle,
  });
  return { create, revoke };
}
