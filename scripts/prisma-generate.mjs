// postinstall: generate the Prisma client into lib/db/generated.
// `prisma generate` needs no schema engine, but tries to download one; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at an existing file skips that download on offline machines.
// The variable is set for this child process only, never for `prisma migrate`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";
const result = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
