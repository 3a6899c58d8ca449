import { z } from "zod";

/** DRP 1.0 §3.02 request statuses. */
export const DRP_STATUSES = ["open", "in_progress", "fulfilled", "revoked", "denied", "expired"] as const;
/** DRP 1.0 §3.02 reasons: one for in_progress, the rest for denied. */
export const DRP_REASONS = [
  "need_user_verification",
  "suspected_fraud",
  "insuf_verification",
  "no_match",
  "claim_not_covered",
  "outside_jurisdiction",
  "too_many_requests",
  "other",
] as const;

/**
 * The Exercise Status object (DRP 1.0 §3.03, plus results_url from the §3.02 state table), as
 * returned by the API and POSTed to status callbacks. It never carries personal data: ids, codes,
 * times, fixed texts and portal URLs whose only parameter is the request id.
 */
export const DrpStatusSchema = z.strictObject({
  request_id: z.string(),
  agent_request_id: z.string().optional(),
  status: z.enum(DRP_STATUSES),
  reason: z.enum(DRP_REASONS).optional(),
  received_at: z.string(),
  expected_by: z.string().optional(),
  processing_details: z.string().optional(),
  user_verification_url: z.string().optional(),
  expires_at: z.string().optional(),
  results_url: z.string().optional(),
});
export type DrpStatus = z.infer<typeof DrpStatusSchema>;
