import { defineJobKind, getJobDefinition } from "./job-definitions";
import type { JobDefinition, JobHandler } from "./job-types";

/** A kind's definition with the handler that runs it. */
export interface RunnableJob<P = any> extends JobDefinition<P> {
  /** Imported on first use, so a worker loads a handler's dependencies (pdfkit, nodemailer) only if it runs one. */
  loadHandler: () => Promise<JobHandler<P>>;
}

/**
 * The worker's side of the queue: which handler runs each kind (style-models §7 rule 11). Only
 * the worker (run-worker.ts) and tests import this; enqueueing uses job-definitions.ts, so no
 * handler's imports lead back here. Workers claim only kinds with a handler, so a worker from an
 * older release never burns the attempts of a kind it does not know.
 */
const handlers = new Map<string, () => Promise<JobHandler<any>>>([
  ["send_mail", async () => (await import("./handlers/send-mail")).handleSendMail],
  ["collect_request", async () => (await import("../pipeline/collect-request-data")).collectRequestData],
  ["render_disclosure", async () => (await import("../pipeline/render-request-disclosure")).renderRequestDisclosure],
  ["deny_unverified_overdue", async () => (await import("./handlers/deny-unverified-overdue")).handleDenyUnverifiedOverdue],
  ["retention_sweep", async () => (await import("./handlers/retention-sweep")).handleRetentionSweep],
  ["deadline_reminders", async () => (await import("./handlers/deadline-reminders")).handleDeadlineReminders],
  ["drp_status_callback", async () => (await import("./handlers/drp-status-callback")).handleDrpStatusCallback],
]);

/** The kind's definition and handler, or undefined when this worker cannot run it. */
export function getRunnableJob(kind: string): RunnableJob | undefined {
  const definition = getJobDefinition(kind);
  const loadHandler = handlers.get(kind);
  return definition && loadHandler ? { ...definition, loadHandler } : undefined;
}

/** Kinds this worker can run: defined and wired to a handler. */
export function listJobKinds(): string[] {
  return [...handlers.keys()].filter((kind) => getJobDefinition(kind));
}

/** Defines a kind and wires its handler in one step (test fixtures, later pipeline steps). */
export function registerJobKind<P>(kind: string, { loadHandler, ...definition }: RunnableJob<P>): void {
  defineJobKind(kind, definition);
  handlers.set(kind, loadHandler);
}
