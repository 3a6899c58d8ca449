import { bootstrap, StartupError } from "./bootstrap";
import { EnvError, parseEnv } from "./env";
import { runWorker } from "./jobs/run-worker";
import { closeSourcePools } from "./pipeline/collect-request-data";
import { closeRenderProcesses, warmRenderProcesses } from "./pipeline/render-disclosure-in-child";
import { sweepCrashLeftovers } from "./pipeline/sweep-crash-leftovers";

/**
 * `npm run worker`: a job worker process for production, where the web process runs with
 * WORKER_IN_PROCESS=false and as many of these as needed share the queue (DESIGN.md §6).
 * SIGTERM/SIGINT stop it gracefully: the running job gets time to finish, else it is handed back.
 */
async function main(): Promise<void> {
  const env = parseEnv();
  const ctx = await bootstrap(env);
  // A dedicated worker loads its handlers and starts its render process before the first claim.
  warmRenderProcesses({ maxRenders: ctx.env.RENDER_PROCESS_RENDERS });
  const worker = runWorker(ctx, { preloadHandlers: true });
  // Start-up sweep of what a killed process left (render folders with plaintext documents...).
  void sweepCrashLeftovers(ctx, { now: new Date() }).catch((error: unknown) => ctx.logger.error({ err: error }, "crash leftover sweep failed"));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, "worker shutting down");
    // Below the usual 30 s container grace period, so the release happens before a SIGKILL.
    void worker
      .stop({ timeoutMs: 25_000 })
      .finally(() => closeRenderProcesses())
      .finally(() => closeSourcePools())
      .finally(() => ctx.db.destroy())
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  // Settings and start-up problems are the operator's to fix: one clear line, no stack trace.
  if (error instanceof EnvError || error instanceof StartupError) {
    console.error(`rtk worker: ${error.message}`);
  } else {
    console.error("rtk worker: unexpected start-up failure", error);
  }
  process.exit(1);
});
