import { defineConfig } from "prisma/config";

// The app applies prisma/migrations itself at start (lib/db/migrate.ts), because the schema
// engine that `prisma migrate` needs is not always downloadable. The bookkeeping in
// `_prisma_migrations` stays compatible, so `prisma migrate status` works where the engine exists.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
