/**
 * What each request state means for the agent who made it (English, like the agent portal; ADR
 * 013). Keyed by string: codes come from loader data. Unknown codes show as themselves.
 */
export const AGENT_STATE_LABELS: Record<string, string> = {
  /** Not a request state: describeAgentRequestStatus puts it first while the consumer has not answered. */
  awaiting_confirmation: "Waiting for the consumer to confirm your authorization",
  received: "Received",
  awaiting_verification: "Waiting for the consumer to verify their identity",
  verified: "Verified",
  collecting: "Gathering the information",
  in_review: "Being reviewed by the privacy team",
  approved: "Approved; the disclosure is being prepared",
  delivered: "Answered",
  denied: "Denied",
  cancelled: "Cancelled",
  expired: "Answered; the files have since been deleted",
};

export const AGENT_DENIAL_LABELS: Record<string, string> = {
  consumer_refused: "The consumer told us they did not authorize you.",
  agent_unauthorized: "We could not confirm that you are authorized to act for this person. Please send permission signed by the consumer, or a power of attorney. No personal information has been disclosed.",
  unverifiable: "The consumer's identity could not be verified. No personal information has been disclosed.",
};

export const TYPE_TEXT: Record<string, string> = { categories: "Categories of information", specific: "Specific pieces of information" };
export const AUTHORIZATION_TEXT: Record<string, string> = { signed_permission: "Signed permission", power_of_attorney: "Power of attorney" };

export const labelOf = (labels: Record<string, string>, code: string): string => labels[code] ?? code;
