import { fork } from "node:child_process";
import { childExecArgv, siblingModule } from "../lib/module-path";
import type { RenderDisclosureOptions, RenderedDisclosure } from "../reports/render-disclosure";

const CHILD = siblingModule(import.meta.url, "render-disclosure-child");
/**
 * Old-space limit of the render process. The renderer's live set is 40-80 MB for any number of
 * records (ADR 008); without a limit V8 lets garbage pile up to ~160 MB more before collecting,
 * which took a 100,000-record render past the 256 MB budget (ADR 015). 128 MB holds it with room.
 */
const RENDER_HEAP_MB = 128;

/**
 * renderDisclosure in a child process with a capped heap, so the memory a big disclosure needs is
 * bounded and given back when it ends, whether the worker runs alone (`npm run worker`) or inside
 * the web server (WORKER_IN_PROCESS). The documents are written to the paths in `options`; a
 * child that fails or dies (out of memory, killed) rejects, and the job is retried. Resolves with
 * the render's result and the child's peak RSS (KB), which `npm run bench -- report` prints.
 */
export function renderDisclosureInChild(options: RenderDisclosureOptions & { json: string; pdf: string }): Promise<RenderedDisclosure & { peakRssKb: number }> {
  const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${RENDER_HEAP_MB}`, ...childExecArgv()], stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.once("message", (answer: { ok: true; result: RenderedDisclosure; peakRssKb: number } | { ok: false; message: string }) => {
      settled = true;
      if (answer.ok) resolve({ ...answer.result, peakRssKb: answer.peakRssKb });
      else reject(new Error(answer.message));
    });
    child.once("error", (error) => {
      settled = true;
      reject(error);
    });
    child.once("exit", (code, signal) => {
      if (!settled) reject(new Error(`render: the render process ended without an answer (${signal ?? `exit ${code}`})`));
    });
    child.send(options);
  });
}
