// Entry of the child process renderDisclosureInChild starts: receives the render options over IPC,
// renders both documents to their files and answers with the result and the process's peak RSS,
// or with the error's message
// (PII-free by design: spool errors name byte offsets, never values). Not for direct use.
import { renderDisclosure, type RenderDisclosureOptions } from "../reports/render-disclosure";

process.once("message", (options: RenderDisclosureOptions) => {
  renderDisclosure(options).then(
    (result) => process.send!({ ok: true, result, peakRssKb: process.resourceUsage().maxRSS }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, message: error instanceof Error ? error.message : "render failed" }, () => process.exit(1)),
  );
});
