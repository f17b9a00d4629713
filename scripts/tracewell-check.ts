// `npm run tracewell-check -- check …`: the same as `npm run tracewell -- check …` (kept as an
// alias for CI configurations written before `check` joined the tracewell CLI). docs/budgets.md.
import { runCheck } from "./check/run-check";

runCheck(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
