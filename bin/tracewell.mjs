#!/usr/bin/env node
// `npx tracewell <command>` from the repository (package.json "bin"): runs scripts/tracewell.ts
// (the `keys` and `check` commands) through tsx, as `npm run tracewell --` does.
import { register } from "tsx/esm/api";

register();
await import(new URL("../scripts/tracewell.ts", import.meta.url).href);
