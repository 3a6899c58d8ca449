import fs from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { crossCheckDatamap, type SourceEnv } from "./cross-check-datamap";
import { DatamapError } from "./datamap-error";
import { DatamapSchema, SourceSchema, type Datamap } from "./datamap-schema";
import { describeSchemaIssue } from "./describe-schema-issue";
import { locateDatamapIssues } from "./locate-datamap-issues";
import { resolveCatalog, type ResolvedCatalog } from "./resolve-catalog";

export interface LoadedDatamap {
  map: Datamap;
  catalog: ResolvedCatalog;
  /** Absolute path of the file, or null when loaded from text. */
  file: string | null;
  /** Directory that `connection.dir` of file sources is relative to. */
  baseDir: string;
}

export type DatamapInput = { file: string } | { text: string; baseDir: string };

/**
 * Reads a data map (YAML, or JSON, which is YAML too), validates it against the schema and
 * cross-checks it against itself, the catalog and the environment. Throws a DatamapError listing
 * every problem with its place; a map with any problem is never used, so no collection can run on
 * a half-understood description of the business's systems.
 *
 * @example
 * const loaded = await loadDatamap({ file: "server/datamap/demo/parlay.datamap.yaml" }, process.env);
 * loaded.map.sources.map((s) => s.id); // ["parlay_app", "legacy_crm"]
 */
export async function loadDatamap(input: DatamapInput, env: SourceEnv): Promise<LoadedDatamap> {
  let text: string;
  let file: string | null = null;
  let baseDir: string;
  if ("file" in input) {
    file = path.resolve(input.file);
    baseDir = path.dirname(file);
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new DatamapError([{ path: "(file)", message: `cannot read ${file} (${code})` }]);
    }
  } else {
    text = input.text;
    baseDir = path.resolve(input.baseDir);
  }

  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new DatamapError(
      document.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "(syntax)",
        message: (e.message.split("\n")[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, ""),
      })),
    );
  }
  const raw: unknown = document.toJS();
  const parsed = DatamapSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) => describeSchemaIssue(i, raw));
    throw new DatamapError(locateDatamapIssues(text, issues), "data map", checkableSources(raw, baseDir, file));
  }
  const { catalog, issues: catalogIssues } = resolveCatalog(parsed.data);
  const issues = [...catalogIssues, ...crossCheckDatamap(parsed.data, catalog, env)];
  const loaded = { map: parsed.data, catalog, file, baseDir };
  if (issues.length > 0) throw new DatamapError(locateDatamapIssues(text, issues), "data map", loaded);
  return loaded;
}

/**
 * The part of an invalid map that `datamap check` can still hold against the live systems: every
 * source that is valid on its own. Its problems are then reported in the same run as the schema's
 * (issue 14.8), instead of one round of fixes per kind of problem.
 */
function checkableSources(raw: unknown, baseDir: string, file: string | null): LoadedDatamap | undefined {
  const sources = (raw as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return undefined;
  const valid = sources.map((s) => SourceSchema.safeParse(s)).map((r) => (r.success ? r.data : null));
  if (!valid.some(Boolean)) return undefined;
  // Sources keep their index (a null stands for an invalid one), so live problems name the right place.
  const map = { sources: valid } as unknown as Datamap;
  return { map, catalog: resolveCatalog({}).catalog, file, baseDir };
}
