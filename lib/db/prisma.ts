// Prisma client for the simple queries (Prisma owns the schema; hot paths use lib/db/pool.ts).
// Shares the pg pool, so the app holds one set of connections.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/prisma/client";
import { getPool } from "@/lib/db/pool";

const PRISMA = Symbol.for("tracewell.prisma");
type Holder = { [PRISMA]?: PrismaClient };

export function getPrisma(): PrismaClient {
  const holder = globalThis as Holder;
  holder[PRISMA] ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return holder[PRISMA];
}
