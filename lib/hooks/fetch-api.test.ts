import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";

const schema = z.object({ from: z.number(), items: z.array(z.string()) });

/** A fetch that answers with `status` and `body` (an object is sent as JSON, a string as is). */
function answer(status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return vi.fn(
    async (_url: string) => new Response(text, { status, headers: { "content-type": "application/json" } }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchApi", () => {
  it("sends the parameters that are set and returns the checked body", async () => {
    const fetch = answer(200, { from: 1, items: ["a"] });
    vi.stubGlobal("fetch", fetch);
    await expect(
      fetchApi("/api/x", { from: 1, to: 2, service: null, endpoint: "GET /a" }, schema),
    ).resolves.toEqual({
      from: 1,
      items: ["a"],
    });
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/x?from=1&to=2&endpoint=GET+%2Fa");
  });

  it.each([
    [
      "a 400 with the API's message",
      answer(400, { error: 'from="x" is not a time' }),
      "bad-request",
      'from="x" is not a time',
    ],
    ["a 400 without a body", answer(400, ""), "bad-request", "The server refused these parameters."],
    [
      "a 500 with a message",
      answer(500, { error: "database unavailable" }),
      "server",
      "The server answered 500: database unavailable.",
    ],
    [
      "a 404 with the API's message",
      answer(404, { error: "trace ab… not found" }),
      "not-found",
      "trace ab… not found",
    ],
    ["a 404 without a body", answer(404, "nothing"), "not-found", "Not found."],
    ["a 200 that is not JSON", answer(200, "<html>"), "invalid-response", "The server's answer is not JSON."],
    [
      "a 200 that breaks the contract",
      answer(200, { from: "yesterday", items: [] }),
      "invalid-response",
      "does not match its contract",
    ],
    [
      "no answer at all",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
      "network",
      "Tracewell did not answer",
    ],
  ])("turns %s into an ApiError", async (_, fetch, kind, message) => {
    vi.stubGlobal("fetch", fetch);
    const error = await fetchApi("/api/x", {}, schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe(kind);
    expect((error as ApiError).message).toContain(message);
  });
});

describe("retryTransient", () => {
  it.each([
    ["a network failure, first retry", new ApiError("network", "x"), 0, true],
    ["a network failure, third try", new ApiError("network", "x"), 2, false],
    ["a 503", new ApiError("server", "x", 503), 1, true],
    ["a 400: the same request fails again", new ApiError("bad-request", "x", 400), 0, false],
    ["a broken contract", new ApiError("invalid-response", "x", 200), 0, false],
    ["any other error", new Error("x"), 0, false],
  ])("%s", (_, error, failures, expected) => {
    expect(retryTransient(failures, error)).toBe(expected);
  });
});

describe("sendApi", () => {
  it("sends the JSON body and returns the answer's JSON, null for a 204", async () => {
    const created = answer(201, { id: "k1" });
    vi.stubGlobal("fetch", created);
    await expect(sendApi("POST", "/api/keys", { name: "ci" })).resolves.toEqual({ id: "k1" });
    const init = (created.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.method).toBe("POST");
    expect(init.body).toBe('{"name":"ci"}');
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(sendApi("DELETE", "/api/keys/k1")).resolves.toBeNull();
  });

  it.each([
    [400, "bad-request"],
    [404, "not-found"],
    [403, "server"],
  ] as const)("turns a %i into an ApiError of kind %s with the API's message", async (status, kind) => {
    vi.stubGlobal("fetch", answer(status, { error: "name is required" }));
    const error = await sendApi("POST", "/api/keys", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind, status, message: "name is required" });
  });

  it("says so when nothing answers", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("fetch failed"))),
    );
    await expect(sendApi("DELETE", "/api/pins/x")).rejects.toMatchObject({ kind: "network" });
  });
});
