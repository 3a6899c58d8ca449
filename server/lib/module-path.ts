import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where a child process's entry module is, and how node must be started to run it, whether this
 * process runs the compiled JavaScript (`npm run build` output, issue 18) or the TypeScript sources
 * through tsx (development, tests). One place decides, so a forked child always matches its parent.
 */
const RUNNING_COMPILED = import.meta.url.endsWith(".js");

/**
 * The project's root folder (where build/, public/ and node_modules/ are): two levels above this file
 * in server/lib/, three in the compiled mirror dist/server/lib/ (ADR 045).
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), RUNNING_COMPILED ? "../../.." : "../..");

/** The absolute path of `baseName` next to the calling module: `.js` when compiled, else `.ts`. */
export function siblingModule(callerImportMetaUrl: string, baseName: string): string {
  return path.join(path.dirname(fileURLToPath(callerImportMetaUrl)), `${baseName}${RUNNING_COMPILED ? ".js" : ".ts"}`);
}

/**
 * The node options a child running one of our modules needs: tsx when running sources; source maps
 * when compiled, so a child's stack traces name the TypeScript files as the parent's do.
 */
export function childExecArgv(): string[] {
  // A profiled parent (`node --cpu-prof`, bench --profile) gets its children profiled too: node
  // refuses --cpu-prof in NODE_OPTIONS, so this is the one way to see where a render process's time goes.
  const profiling = process.execArgv.filter((a) => a.startsWith("--cpu-prof"));
  return [...(RUNNING_COMPILED ? ["--enable-source-maps"] : ["--import", "tsx"]), ...profiling];
}
