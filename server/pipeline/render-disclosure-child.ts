// Entry of a render process (render-pool.ts): renders one disclosure per message, both documents
// to their files, and answers with the result and that render's peak RSS, or with the error's
// message (PII-free by design: spool errors name byte offsets, never values). Lives for many
// renders; exits when its parent goes (IPC channel closed), so it never outlives the worker.
// Not for direct use.
import fs from "node:fs";
import { renderDisclosure, type RenderDisclosureOptions } from "../reports/render-disclosure";

process.on("disconnect", () => process.exit(0));
// The pool ends a process with SIGTERM (render-pool.ts close()): exiting through process.exit lets
// a profiled process (`--cpu-prof`) write its profile; a running render ends the same way.
process.on("SIGTERM", () => process.exit(143));

process.on("message", (options: RenderDisclosureOptions) => {
  resetPeakRss();
  renderDisclosure(options).then(
    (result) => process.send!({ ok: true, result, peakRssKb: peakRssKb() }),
    (error: unknown) => process.send!({ ok: false, message: error instanceof Error ? error.message : "render failed" }),
  );
});

/**
 * Linux keeps a process's peak RSS (VmHWM) and lets the process reset it to the current RSS
 * (proc(5), clear_refs "5"), so each render reports its own peak, not the largest of the
 * process's lifetime. Elsewhere the lifetime peak is all there is.
 */
let canReset = true;
function resetPeakRss(): void {
  try {
    if (canReset) fs.writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    canReset = false;
  }
}

function peakRssKb(): number {
  if (canReset) {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]);
  }
  return process.resourceUsage().maxRSS;
}
