import { z } from "zod";
import type { JobToEnqueue } from "../jobs/job-types";

/** Pipeline jobs carry the request id only: everything else is read from the request row. */
export const RequestJobPayloadSchema = z.strictObject({ requestId: z.string().regex(/^[0-9a-z]{26}$/) });
export type RequestJobPayload = z.infer<typeof RequestJobPayloadSchema>;

/** Gather the verified person's data into the spool (enqueued with the move to "collecting"). */
export function buildCollectJob(requestId: string): JobToEnqueue {
  return { kind: "collect_request", payload: { requestId }, idempotencyKey: `collect_request:${requestId}` };
}

/**
 * Render and store the disclosure (enqueued with the move to "approved"). The key carries the
 * request version, so a request sent back to collection and approved again renders again.
 */
export function buildRenderJob(requestId: string, version: number): JobToEnqueue {
  return { kind: "render_disclosure", payload: { requestId }, idempotencyKey: `render_disclosure:${requestId}:${version}` };
}
