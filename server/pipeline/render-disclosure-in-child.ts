import { createRenderPool, type PooledRender, type RenderJob, type RenderPool } from "./render-pool";

let pool: RenderPool | undefined;

/**
 * renderDisclosure in a render process with a capped heap (ADR 015), so the memory a big
 * disclosure needs is bounded whether the worker runs alone (`npm run worker`) or inside the web
 * server (WORKER_IN_PROCESS). The processes are this process's warm pool (ADR 047), started on
 * the first render. The documents are written to the paths in `job`; a render whose process fails
 * or dies (out of memory, killed) rejects, and the job is retried. Resolves with the render's
 * result and its peak RSS (KB), which `npm run bench -- report` prints. `settings` apply when
 * the pool starts (env.RENDER_PROCESS_RENDERS from the render_disclosure job).
 */
export function renderDisclosureInChild(job: RenderJob, settings: { maxRenders?: number } = {}): Promise<PooledRender> {
  pool ??= createRenderPool(settings);
  return pool.render(job);
}

/**
 * Starts this process's render processes before the first render job (`npm run worker`), so the
 * first render does not wait for a render process to load its modules while holding a lease.
 */
export function warmRenderProcesses(settings: { maxRenders?: number } = {}): void {
  pool ??= createRenderPool(settings);
  pool.warm();
}

/** Ends this process's render processes (graceful shutdown); a later render starts new ones. */
export async function closeRenderProcesses(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
