import type { Env } from "../env";
import { loadDatamap, type LoadedDatamap } from "./load-datamap";
import { resolveDatamapPath, sourceEnvironment } from "./resolve-datamap-path";

// One parsed map per settings object: the file is read and validated once per process.
const loaded = new WeakMap<object, Promise<LoadedDatamap>>();

/**
 * The business's data map (DATAMAP_PATH). Start-up calls this first so a broken map stops the
 * portal with its problems listed (DatamapError) instead of failing the first request.
 */
export function getDatamap(ctx: { env: Env }): Promise<LoadedDatamap> {
  let map = loaded.get(ctx.env);
  if (!map) {
    map = loadDatamap({ file: resolveDatamapPath(ctx.env) }, sourceEnvironment(ctx.env));
    // A failed load is not cached, so a fixed file is picked up by the next call.
    map.catch(() => loaded.delete(ctx.env));
    loaded.set(ctx.env, map);
  }
  return map;
}
