import { z } from "zod";
import type { JobToEnqueue } from "./job-types";

/**
 * Consumer notices the request lifecycle enqueues, by their template names in
 * server/mail/mail-templates.ts. The mail module renders each one from the request row (language,
 * e-mail, dates, reason); the payload carries ids only, so no personal data sits in the jobs table
 * or its error column.
 */
export const REQUEST_NOTICES = {
  /** Receipt confirmation with the expected response date (11 CCR 7021(a); R7). */
  confirmation: "request_received",
  /** M-EXT: the reason and the new date (1798.130(a)(2)(A); 7021(b); R9). */
  extension: "request_extended",
  /** M-UNV-*: identity not verified by the due date (7024(a)-(b); R10, R34; X19). */
  unverifiable: "request_denied_unverified",
} as const;
export type RequestNotice = (typeof REQUEST_NOTICES)[keyof typeof REQUEST_NOTICES];

const ID = z.string().regex(/^[0-9a-z]{26}$/);

/** Open to every template the mail module defines (report_ready, request_denied...): the mail module checks the name. */
export const SendMailPayloadSchema = z.strictObject({
  template: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  requestId: ID,
  /** Set for a deliberate repeat (staff resend): each occurrence is sent once, like the first notice. */
  occurrence: z.string().regex(/^[0-9a-z]{26}$/).optional(),
});
export type SendMailPayload = z.infer<typeof SendMailPayloadSchema>;

/** Periodic sweeps carry the time bucket that scheduled them, for logs and idempotency keys. */
export const SweepPayloadSchema = z.strictObject({ bucket: z.string().regex(/^[0-9TZ:.-]{10,30}$/) });
export type SweepPayload = z.infer<typeof SweepPayloadSchema>;

/**
 * A DRP status callback (DRP 1.0 §2.03): the Exercise Status as it was right after one change
 * (`changeId` = that request event), built in the change's transaction. Ids, codes, times and
 * portal URLs only: the status object carries no personal data.
 */
export const DrpStatusCallbackPayloadSchema = z.strictObject({
  requestId: ID,
  changeId: ID,
  status: z.record(z.string().regex(/^[a-z_]{1,32}$/), z.string().max(2048)),
});
export type DrpStatusCallbackPayload = z.infer<typeof DrpStatusCallbackPayloadSchema>;

/**
 * The job that sends `template` about `requestId`. One notice of each template per request: the
 * key makes a retried transition or a re-run sweep enqueue it only once.
 */
export function buildMailJob(template: string, requestId: string, occurrence?: string): JobToEnqueue {
  return {
    kind: "send_mail",
    payload: { template, requestId, ...(occurrence ? { occurrence } : {}) },
    idempotencyKey: `send_mail:${template}:${requestId}${occurrence ? `:${occurrence}` : ""}`,
  };
}
