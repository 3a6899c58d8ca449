/**
 * Limits for agent accounts, requests and uploads, in one place (docs/decisions/013-authorized-agents.md).
 * Sign-in reuses the staff numbers (server/staff/staff-policy.ts): an agent account reaches
 * consumers' requests and, where the business allows it, their disclosures.
 */
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, SESSION_IDLE_MINUTES, SESSION_TOUCH_SECONDS } from "../staff/staff-policy";

/** An agent session ends this long after sign-in. */
export const AGENT_SESSION_HOURS = 12;
/** The link that confirms an agent's e-mail address. */
export const EMAIL_VERIFY_TTL_HOURS = 24;
/**
 * The consumer's "did you authorize this agent?" link. Ten days: long enough for someone who reads
 * mail weekly, well inside the 45-day response clock (1798.130(a)(2)); unanswered requests are
 * denied unverified on the due date by the existing sweep (R21: "does not answer").
 */
export const CONSUMER_CONFIRM_TTL_DAYS = 10;
/**
 * Sending the consumer's confirmation mail again (the agent's "send it again" button): at most once
 * per 10 minutes, and 5 times per request. Enough for a lost or expired
 * mail; not enough for an agent to flood a consumer's inbox with our name on it.
 */
export const CONFIRMATION_RESEND_MINUTES = 10;
export const MAX_CONFIRMATION_RESENDS = 5;
/** The cap for a signed permission or power of attorney. */
export const MAX_AUTHORIZATION_BYTES = 10 * 1024 * 1024;
/** Agent kinds (11 CCR 7001(d); 1798.140(ak)). */
export const AGENT_KINDS = ["person", "business"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
/** The proof of authority (7063(a) signed permission; 7063(b) power of attorney, Probate Code 4000-4465). */
export const AUTHORIZATION_KINDS = ["signed_permission", "power_of_attorney"] as const;
export type AuthorizationKind = (typeof AUTHORIZATION_KINDS)[number];
