import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SERVER = path.join(ROOT, "server");

/** Every .ts file under server/, by absolute path. */
function serverFiles(dir = SERVER): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The server/ file a relative specifier names (`./x`, `./x.ts`, `./x.js`, `./dir` -> index), if any. */
function resolveRelative(from: string, specifier: string, known: Set<string>): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), specifier).replace(/\.js$/, "");
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => known.has(candidate));
}

/**
 * Edges of the module graph among server/ files: static imports and re-exports, `import type`
 * too (a circle of types still ties the files' designs together), and dynamic `import()`, which
 * is how the job registry loads handlers and so where the jobs circle hid (issue 18 item 6).
 */
function importGraph(): Map<string, string[]> {
  const files = serverFiles();
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
      const targets = info.importedFiles.map((f) => resolveRelative(file, f.fileName, known)).filter((f): f is string => f !== undefined);
      return [file, [...new Set(targets)]];
    }),
  );
}

/** One example cycle per strongly connected component of more than one file (Tarjan). */
function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)!.includes(node)) components.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components.map((component) => exampleCycle(graph, new Set(component)));
}

/** A shortest path from the component's first file back to itself, for a readable message. */
function exampleCycle(graph: Map<string, string[]>, members: Set<string>): string[] {
  const start = [...members].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = previous.get(at)!) cycle.splice(1, 0, at);
        return [...cycle, start].map((file) => path.relative(ROOT, file));
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...members].map((file) => path.relative(ROOT, file));
}

// Style-models §7: modules depend one way. A circle makes load order decide which binding is still
// undefined, and in the job code it meant enqueueing loaded every handler's module graph.
describe("server/ module graph", () => {
  it("[ARCH]: has no import circle (static, type-only or dynamic import)", () => {
    const cycles = findCycles(importGraph()).map((cycle) => cycle.join(" -> "));
    expect(cycles).toEqual([]);
  });
});
