import path from "node:path";
import type { Env } from "../env";
import type { SourceEnv } from "./cross-check-datamap";

/** The data map file the portal uses: DATAMAP_PATH (default: the demo business's map), relative to the working directory like DATA_DIR. */
export function resolveDatamapPath(env: Pick<Env, "DATAMAP_PATH">, cwd = process.cwd()): string {
  return path.resolve(cwd, env.DATAMAP_PATH);
}

/**
 * The variables a data map's connections may name. The map chooses their names (urlEnv,
 * authHeaderEnv, dirEnv), so they cannot be declared in env.ts's schema: this is the one place
 * besides env.ts that reads the process environment, and only for those names. DEMO_SOURCE_URL
 * and DEMO_FILES_DIR keep the defaults env.ts gives them, so the demo map works with nothing configured.
 */
export function sourceEnvironment(env: Pick<Env, "DEMO_SOURCE_URL"> & Partial<Pick<Env, "DEMO_FILES_DIR">>, processEnv: NodeJS.ProcessEnv = process.env): SourceEnv {
  return { ...processEnv, DEMO_SOURCE_URL: env.DEMO_SOURCE_URL, ...(env.DEMO_FILES_DIR ? { DEMO_FILES_DIR: env.DEMO_FILES_DIR } : {}) };
}
