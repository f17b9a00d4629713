// vitest global setup for the `db` project: one test database and one running Tracewell,
// shared by every *.db.test.ts file through inject("tracewell").
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "@/test/support/test-database";
import { startTracewellProcess } from "@/test/support/tracewell-process";

export interface TracewellUnderTest {
  baseUrl: string;
  otlpHttpUrl: string;
  otlpGrpcUrl: string;
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    tracewell: TracewellUnderTest;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  const server = await startTracewellProcess({ databaseUrl: database.url });
  project.provide("tracewell", {
    baseUrl: server.baseUrl,
    otlpHttpUrl: server.otlpHttpUrl,
    otlpGrpcUrl: server.otlpGrpcUrl,
    databaseUrl: database.url,
  });
  return async () => {
    await server.stop();
    await database.drop();
  };
}
