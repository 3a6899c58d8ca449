/**
 * A real worker process for tests/integration/jobs/multi-worker.test.ts:
 *   node --import tsx tests/support/test-worker.ts   (env: DATABASE_URL, JOB_LEASE_SECONDS, ...)
 * The production worker loop, claiming only the test-only kind `test_render`
 * (tests/support/test-render-job.ts). Prints "ready <pid>" once it polls.
 */
import { bootstrap } from "../../server/bootstrap";
import { parseEnv } from "../../server/env";
import { runWorker } from "../../server/jobs/run-worker";
import { registerTestRenderJob } from "./test-render-job";

registerTestRenderJob();
const ctx = await bootstrap(parseEnv());
const worker = runWorker(ctx, { kinds: ["test_render"], pollIntervalMs: 50, schedulePeriodic: false });
process.stdout.write(`ready ${process.pid}\n`);
const shutdown = (): void => {
  void worker
    .stop({ timeoutMs: 5_000 })
    .finally(() => ctx.db.destroy())
    .finally(() => process.exit(0));
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
