/**
 * Plain words for the request lifecycle's codes, for the ops console (English only, like the rest
 * of the console). Keyed by string: the codes come from loader data, and UI modules do not import
 * server/ (eslint boundary). An unknown code is shown as itself rather than hidden.
 */
export const STATE_LABELS: Record<string, string> = {
  open: "Open (unanswered)",
  all: "All states",
  received: "Received",
  awaiting_verification: "Awaiting verification",
  verified: "Verified",
  collecting: "Collecting data",
  in_review: "In review",
  approved: "Approved",
  delivered: "Delivered",
  denied: "Denied",
  cancelled: "Cancelled",
  expired: "Delivered, files purged",
};

export const CHANNEL_LABELS: Record<string, string> = {
  web: "Web form",
  agent: "Authorized agent",
  drp: "Data Rights Protocol",
  phone: "Phone",
  mail: "Mail",
  email: "E-mail",
  ops: "Staff intake",
};

export const TYPE_LABELS: Record<string, string> = {
  categories: "Categories",
  specific: "Specific pieces",
};

export const PERIOD_LABELS: Record<string, string> = {
  "12_months": "The 12 months before receipt",
  since_2022: "Everything since 2022-01-01",
};

export const LANGUAGE_LABELS: Record<string, string> = { en: "English", es: "Spanish" };

export const DENIAL_LABELS: Record<string, string> = {
  unverifiable: "Identity could not be verified",
  not_a_consumer: "Not made by a California consumer",
  agent_unauthorized: "Agent not authorized",
  exempt: "Exempt information (a CCPA exception or another law)",
  too_many_requests: "More than two requests in 12 months",
  consumer_refused: "Consumer said they did not authorize it",
  other: "Other (explained in writing)",
};

export const ACTOR_LABELS: Record<string, string> = {
  consumer: "Consumer",
  agent: "Agent",
  staff: "Staff",
  system: "System",
  drp_agent: "DRP agent",
};

export const VERIFICATION_LABELS: Record<string, string> = {
  none: "Not verified",
  reasonable: "Reasonable degree of certainty",
  reasonably_high: "Reasonably high degree of certainty",
};

export const DATA_POINT_LABELS: Record<string, string> = {
  email: "E-mail address",
  phone: "Phone number",
  fullName: "Full name",
  postalAddress: "Postal address",
  dateOfBirth: "Date of birth",
  customerNumber: "Customer number",
};

export const AUTHORIZATION_LABELS: Record<string, string> = {
  signed_permission: "Signed permission",
  power_of_attorney: "Power of attorney",
};

export const label = (labels: Record<string, string>, code: string): string => labels[code] ?? code;

/** Bases for withholding a field during review (server/review/review-reasons.shared.ts). */
export const REVIEW_REASON_LABELS: Record<string, string> = {
  third_party_pi: "Information about another person (1798.145(k))",
  security_risk: "Disclosure would be a security risk (7024(d))",
  exempt: "A CCPA exception applies (1798.145)",
  other: "Other: write the reason the consumer will read",
};
