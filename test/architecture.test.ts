// The folder tree is the architecture: imports between top-level folders of lib/ (and app/,
// components/) form no cycle, so every floor can be read, tested and replaced from the bottom up.
// The lint fence (biome.json, test/lint-fence.test.ts) says which floor may import which; this
// test catches what a per-folder allow-list cannot: two folders reaching into each other.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.startsWith("zz-fence-") ? [relative] : [];
  });
}

/** lib/ingest/traces/x.ts → "lib/ingest"; app/api/x/route.ts → "app"; components/y.tsx → "components". */
function floorOf(file: string): string {
  const [top, second] = file.split(/[\\/]/);
  return top === "lib" && second !== undefined && !second.includes(".") ? `lib/${second}` : (top as string);
}

function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of ["lib", "app", "components"].flatMap(sourceFiles)) {
    const from = floorOf(file);
    for (const [, target] of readFileSync(path.join(root, file), "utf8").matchAll(/from "@\/([^"]+)"/g)) {
      const to = floorOf(target as string);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      edges.set(to, file);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** A cycle of floors as "a → b → a" (with a file that makes each step), or null. Iterative DFS. */
function findCycle(graph: Map<string, Map<string, string>>): string | null {
  const state = new Map<string, "open" | "done">();
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: string[] }> = [
      { node: start, next: [...(graph.get(start)?.keys() ?? [])] },
    ];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: string; next: string[] };
      const child = top.next.pop();
      if (child === undefined) {
        state.set(top.node, "done");
        stack.pop();
        continue;
      }
      if (state.get(child) === "open") {
        const path = [
          ...stack.slice(stack.findIndex((frame) => frame.node === child)).map((f) => f.node),
          child,
        ];
        return path
          .map((node, i) =>
            i + 1 < path.length ? `${node} (${graph.get(node)?.get(path[i + 1] as string)})` : node,
          )
          .join(" → ");
      }
      if (!state.has(child)) {
        state.set(child, "open");
        stack.push({ node: child, next: [...(graph.get(child)?.keys() ?? [])] });
      }
    }
  }
  return null;
}

describe("architecture", () => {
  it("has no import cycle between folders", () => {
    expect(findCycle(importGraph())).toBeNull();
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const graph = new Map([
      ["lib/a", new Map([["lib/b", "lib/a/x.ts"]])],
      ["lib/b", new Map([["lib/a", "lib/b/y.ts"]])],
    ]);
    expect(findCycle(graph)).toBe("lib/a (lib/a/x.ts) → lib/b (lib/b/y.ts) → lib/a");
  });
});
