import type { JobDefinition } from "./job-types";
import { RequestJobPayloadSchema } from "../pipeline/pipeline-jobs";
import { DrpStatusCallbackPayloadSchema, SendMailPayloadSchema, SweepPayloadSchema } from "./job-payloads";

/**
 * Every job kind a worker can run: payload schema, retry budget and a lazily imported handler
 * (style-models §7 rule 11). Workers claim only kinds listed here, so a worker from an older
 * release never burns the attempts of a kind it does not know.
 */
const definitions = new Map<string, JobDefinition>([
  [
    "send_mail",
    {
      schema: SendMailPayloadSchema,
      // SMTP outages are usually short; 8 attempts with doubling from 30 s span about two hours.
      maxAttempts: 8,
      loadHandler: async () => (await import("./handlers/send-mail")).handleSendMail,
    },
  ],
  [
    "collect_request",
    {
      schema: RequestJobPayloadSchema,
      // A source that is down stays incomplete (X22): 6 attempts from 1 minute span about an hour,
      // then the job is dead-lettered where ops see it, well before the due date.
      maxAttempts: 6,
      backoffBaseMs: 60_000,
      loadHandler: async () => (await import("../pipeline/collect-request-data")).collectRequestData,
    },
  ],
  [
    "render_disclosure",
    {
      schema: RequestJobPayloadSchema,
      maxAttempts: 4,
      loadHandler: async () => (await import("../pipeline/render-request-disclosure")).renderRequestDisclosure,
    },
  ],
  [
    "deny_unverified_overdue",
    {
      schema: SweepPayloadSchema,
      // A failed sweep is re-enqueued by the next time bucket anyway.
      maxAttempts: 3,
      loadHandler: async () => (await import("./handlers/deny-unverified-overdue")).handleDenyUnverifiedOverdue,
    },
  ],
  [
    "retention_sweep",
    {
      schema: SweepPayloadSchema,
      maxAttempts: 3,
      loadHandler: async () => (await import("./handlers/retention-sweep")).handleRetentionSweep,
    },
  ],
  [
    "deadline_reminders",
    {
      schema: SweepPayloadSchema,
      maxAttempts: 3,
      loadHandler: async () => (await import("./handlers/deadline-reminders")).handleDeadlineReminders,
    },
  ],
  [
    "drp_status_callback",
    {
      schema: DrpStatusCallbackPayloadSchema,
      // Best effort (DRP 1.0 §2.03): 6 attempts doubling from 30 s span about 15 minutes; after
      // that the agent still sees the status by polling GET /v1/data-rights-request/{id}.
      maxAttempts: 6,
      loadHandler: async () => (await import("./handlers/drp-status-callback")).handleDrpStatusCallback,
    },
  ],
]);

export function getJobDefinition(kind: string): JobDefinition | undefined {
  return definitions.get(kind);
}

export function listJobKinds(): string[] {
  return [...definitions.keys()];
}

/**
 * Adds a kind at start-up (modules owning later pipeline steps, and test fixtures). Refuses to
 * replace an existing kind: two definitions of one kind would make retries depend on which
 * process claimed the job.
 */
export function registerJobKind<P>(kind: string, definition: JobDefinition<P>): void {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(kind)) throw new RangeError("job kind must be snake_case, at most 64 characters");
  if (definitions.has(kind)) throw new RangeError(`job kind already registered: ${kind}`);
  definitions.set(kind, definition);
}
