import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { listen } from "@/lib/server/listen";

const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

describe("listen", () => {
  it("names the variable to change when the port is taken", async () => {
    const first = http.createServer();
    servers.push(first);
    const port = await listen(first, 0, "127.0.0.1", "PORT");
    const second = http.createServer();
    await expect(listen(second, port, "127.0.0.1", "OTLP_HTTP_PORT")).rejects.toThrow(
      new RegExp(
        `^Port ${port} on 127\\.0\\.0\\.1 is already in use \\(OTLP_HTTP_PORT\\): .*OTLP_HTTP_PORT=${port + 1}`,
      ),
    );
  });
});
