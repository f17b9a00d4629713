// The lint fence (biome.json) holds: a file that breaks each layer rule fails `biome lint` with the
// rule's reason, and a file that keeps to its floor passes. The fixtures are written at paths
// inside their floors (the rules are chosen by path) for the length of one lint run, then removed.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

interface Diagnostic {
  category: string;
  message: string;
}

interface Fixture {
  folder: string;
  extension: string;
  specifier: string;
}

/** Lints every fixture in one biome run; diagnostics by fixture, in order. */
function lintAll(fixtures: Fixture[]): Diagnostic[][] {
  const tag = randomBytes(4).toString("hex");
  const files = fixtures.map((f, index) => path.join(f.folder, `zz-fence-${tag}-${index}.${f.extension}`));
  fixtures.forEach((fixture, index) => {
    writeFileSync(path.join(root, files[index] as string), importing(fixture.specifier));
  });
  try {
    let output: string;
    try {
      output = execFileSync("npx", ["--no-install", "biome", "lint", "--reporter=json", ...files], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    const diagnostics = (
      JSON.parse(output) as { diagnostics: Array<Diagnostic & { location: { path: string } }> }
    ).diagnostics;
    return files.map((file) =>
      diagnostics.filter((d) => path.normalize(d.location.path) === path.normalize(file)),
    );
  } finally {
    for (const file of files) rmSync(path.join(root, file), { force: true });
  }
}

const importing = (specifier: string) =>
  `import * as imported from "${specifier}";\n\nexport const used = imported;\n`;

const fenceMessages = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.category === "lint/style/noRestrictedImports").map((d) => d.message);

const refused: Array<[string, string, string, string, string]> = [
  [
    "a component reaching the database pool",
    "components",
    "tsx",
    "@/lib/db/pool",
    "Browser code may import only",
  ],
  [
    "a component calling a query",
    "components",
    "tsx",
    "@/lib/queries/endpoints/get-endpoint-summaries",
    "Browser code may import only",
  ],
  ["a component importing pg", "components", "tsx", "pg", "UI code never reaches the database"],
  [
    "a page importing ingest internals",
    "app",
    "tsx",
    "@/lib/ingest/shared/ingest-queue",
    "Browser code may import only",
  ],
  [
    "a hook importing the server-side route wrapper",
    "lib/hooks",
    "ts",
    "@/lib/api/api-route",
    "Browser code may import only",
  ],
  ["a parent-relative import", "lib/charts", "ts", "../format/duration", "No ../ imports"],
  ["a parent-relative import in a script", "scripts", "ts", "../lib/config", "No ../ imports"],
  ["a route handler reaching lib/db", "app/api", "ts", "@/lib/db/pool", "A route handler parses input"],
  ["a route handler importing pg", "app/api", "ts", "pg", "Route handlers stay thin"],
  [
    "a route handler importing another route",
    "app/api",
    "ts",
    "@/app/api/endpoints/route",
    "never imports another route",
  ],
  [
    "ingest importing rollups (upward)",
    "lib/ingest",
    "ts",
    "@/lib/rollups/upsert-endpoint-rollups",
    "Ingest sits below",
  ],
  ["the model importing the database", "lib/model", "ts", "@/lib/db/sql", "ground floor"],
  [
    "a contract importing a query",
    "lib/contracts",
    "ts",
    "@/lib/queries/traces/get-trace",
    "lib/contracts holds the response schemas",
  ],
  ["the wire importing ingest", "lib/otlp", "ts", "@/lib/ingest/shared/sanitize", "wire only"],
  [
    "a query importing the API layer",
    "lib/queries",
    "ts",
    "@/lib/api/api-route",
    "Queries read what the floors below wrote",
  ],
  [
    "an analyser importing ingest",
    "lib/analysis",
    "ts",
    "@/lib/ingest/traces/span-row",
    "Analysers read stored traces",
  ],
  ["the server importing a hook", "lib/server", "ts", "@/lib/hooks/use-services", "lib/server wires"],
  ["the logger importing the database", "lib/log", "ts", "@/lib/db/pool", "lib/log is the logger"],
  [
    "a component importing the logger",
    "components",
    "tsx",
    "@/lib/log/logger",
    "Browser code may import only",
  ],
];
const allowed: Array<[string, string, string, string]> = [
  ["a component importing the model", "components", "tsx", "@/lib/model/span-kind"],
  ["a component importing a response schema", "components", "tsx", "@/lib/contracts/endpoint-schemas"],
  ["a query returning a contract shape", "lib/queries", "ts", "@/lib/contracts/trace-search-schema"],
  ["a route handler calling a query", "app/api", "ts", "@/lib/queries/endpoints/get-endpoint-summaries"],
  ["ingest importing the wire decoders", "lib/ingest", "ts", "@/lib/otlp/decode-traces-proto"],
  ["the server wiring rollups into ingest", "lib/server", "ts", "@/lib/rollups/upsert-endpoint-rollups"],
  ["the pool logging", "lib/db", "ts", "@/lib/log/logger"],
  ["a receiver logging", "lib/ingest", "ts", "@/lib/log/logger"],
];

describe("the lint fence", () => {
  const results = lintAll(
    [...refused, ...allowed].map(([, folder, extension, specifier]) => ({ folder, extension, specifier })),
  );

  it.each(refused.map((row, index) => [...row, index] as const))(
    "refuses %s",
    (_name, folder, _extension, specifier, reason, index) => {
      const messages = fenceMessages(results[index] ?? []);
      expect(messages.length, `no fence diagnostic for ${specifier} in ${folder}`).toBeGreaterThan(0);
      expect(messages.join("\n")).toContain(reason);
    },
  );

  it.each(allowed.map((row, index) => [...row, refused.length + index] as const))(
    "allows %s",
    (_name, _folder, _extension, _specifier, index) => {
      expect(fenceMessages(results[index] ?? [])).toEqual([]);
    },
  );
});
