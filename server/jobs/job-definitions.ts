import type { JobDefinition } from "./job-types";
import { RequestJobPayloadSchema } from "../pipeline/pipeline-jobs";
import { DrpStatusCallbackPayloadSchema, SendMailPayloadSchema, SweepPayloadSchema } from "./job-payloads";

/**
 * Every job kind: payload schema and retry budget, and nothing that runs it. Enqueueing needs
 * only this, so a service that enqueues (transitionRequest) never loads a handler's module graph,
 * and the handlers, which enqueue through those services, form no import circle with the queue
 * (issue 18 item 6). The worker wires the handlers in (registry.ts).
 */
const definitions = new Map<string, JobDefinition>([
  // SMTP outages are usually short; 8 attempts with doubling from 30 s span about two hours.
  ["send_mail", { schema: SendMailPayloadSchema, maxAttempts: 8 }],
  // A source that is down stays incomplete (X22): 6 attempts from 1 minute span about an hour,
  // then the job is dead-lettered where ops see it, well before the due date.
  ["collect_request", { schema: RequestJobPayloadSchema, maxAttempts: 6, backoffBaseMs: 60_000 }],
  ["render_disclosure", { schema: RequestJobPayloadSchema, maxAttempts: 4 }],
  // A failed sweep is re-enqueued by the next time bucket anyway.
  ["deny_unverified_overdue", { schema: SweepPayloadSchema, maxAttempts: 3 }],
  ["retention_sweep", { schema: SweepPayloadSchema, maxAttempts: 3 }],
  ["deadline_reminders", { schema: SweepPayloadSchema, maxAttempts: 3 }],
  // Best effort (DRP 1.0 §2.03): 6 attempts, waits of half to all of 30 s x 2^(n-1), so the last one
  // comes 7 min 45 s to 15 min 30 s after the first (docs/drp.md); after
  // that the agent still sees the status by polling GET /v1/data-rights-request/{id}.
  ["drp_status_callback", { schema: DrpStatusCallbackPayloadSchema, maxAttempts: 6 }],
]);

export function getJobDefinition(kind: string): JobDefinition | undefined {
  return definitions.get(kind);
}

/**
 * Adds a kind at start-up (test fixtures, later pipeline steps). Refuses to replace an existing
 * kind: two definitions of one kind would make retries depend on which process claimed the job.
 */
export function defineJobKind<P>(kind: string, definition: JobDefinition<P>): void {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(kind)) throw new RangeError("job kind must be snake_case, at most 64 characters");
  if (definitions.has(kind)) throw new RangeError(`job kind already registered: ${kind}`);
  definitions.set(kind, definition);
}
