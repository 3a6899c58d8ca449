import type { Insertable, Selectable, Updateable } from "kysely";

/**
 * The portal's own database (not the business's source systems). Portable across SQLite and
 * MySQL/MariaDB (docs/decisions/002-dialect-portability.md):
 * - ids are 26-character random strings made in app code (server/lib/ids.ts), never auto-increment;
 * - times are UTC text "YYYY-MM-DD HH:MM:SS.mmm", calendar dates are "YYYY-MM-DD";
 * - booleans are 0/1 integers; JSON is text parsed on read.
 */

export interface RequestsTable {
  id: string;
  /** "categories" (RTK-C) or "specific" (RTK-SP), 1798.110 / 1798.130(a)(3). */
  type: string;
  state: string;
  /** web | agent | drp | phone | mail | email | ops: how the request reached us (R2, R4). */
  channel: string;
  /** "12_months" (default) or "since_2022" (1798.130(a)(2)(B); 11 CCR 7024(h)). */
  period: string;
  period_start: string;
  period_end: string;
  language: string;
  /** Exact time of first receipt through any channel, UTC; the deadline clock starts here (7021(b)). */
  received_at: string;
  receipt_date: string;
  due_date: string;
  /** Set once, by the single allowed extension (1798.130(a)(2)(A)). */
  extended_due_date: string | null;
  extension_reason: string | null;
  /** none | reasonable | reasonably_high (11 CCR 7062). */
  verification_level: string;
  /** 1 = consumer said they are a California resident (R1); 0 = said no; null = not asked (DRP). */
  california_resident: number | null;
  subject_name: string;
  subject_email: string;
  subject_phone: string | null;
  /** Keyed hashes for the ops search (ADR 039): "<key id>:<HMAC hex>"; null until indexed. */
  subject_email_key: string | null;
  subject_phone_key: string | null;
  /** JSON: postal address as typed, for matching against the identity source. */
  subject_address: string | null;
  agent_id: string | null;
  denial_reason: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  /** Optimistic-lock counter: a state change updates only if it saw the latest version. */
  version: number;
}

export interface RequestEventsTable {
  id: string;
  request_id: string;
  from_state: string | null;
  to_state: string;
  actor_kind: string;
  actor_id: string | null;
  reason: string | null;
  created_at: string;
}

export interface VerificationChallengesTable {
  id: string;
  request_id: string;
  /** email_otp for now; the column leaves room for other channels. */
  kind: string;
  /** SHA-256 of the code with a per-row salt; the code itself is never stored. */
  code_hash: string;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
  created_at: string;
}

export interface VerificationEvidenceTable {
  id: string;
  request_id: string;
  /** JSON: names of data points that matched (never their values), e.g. ["email","phone"]. */
  matched_points: string;
  level: string;
  declaration_name: string | null;
  declaration_at: string | null;
  declaration_ip: string | null;
  created_at: string;
}

export interface ConsumerSessionsTable {
  /** SHA-256 of the cookie token: a database leak does not yield usable sessions. */
  id: string;
  request_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AgentsTable {
  id: string;
  /** person | business (11 CCR 7001(d)). */
  kind: string;
  name: string;
  email: string;
  /** California Secretary of State registration number for business entities (1798.140(ak)). */
  sos_number: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  email_verified_at: string | null;
  /** Data Rights Protocol identity, when the agent speaks DRP 1.0. */
  drp_agent_id: string | null;
  drp_verify_key: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  /** Base32 secret shown while the agent turns on TOTP; moved to totp_secret once a first code confirms it. */
  totp_pending_secret: string | null;
  /** The last TOTP step accepted; a code for it or an earlier step is refused (no replay). */
  totp_last_step: number | null;
  /** When the agent accepted the duties of 11 CCR 7063(c)-(d) (R23). */
  terms_accepted_at: string | null;
}

export interface AgentSessionsTable {
  /** SHA-256 of the rtk_agent cookie token (ADR 003). */
  id: string;
  agent_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AgentTokensTable {
  /** SHA-256 (hex) of the token in the mailed link; the token itself is never stored. */
  id: string;
  /** email_verify | consumer_confirm */
  purpose: string;
  agent_id: string;
  /** For consumer_confirm: the authorization the consumer is asked about. */
  authorization_id: string | null;
  expires_at: string;
  /** Set once, by the first use: the link is single-use. */
  used_at: string | null;
  created_at: string;
}

export interface AuthorizationsTable {
  id: string;
  request_id: string;
  agent_id: string;
  /** signed_permission | power_of_attorney (11 CCR 7063(a)-(b)). */
  kind: string;
  storage_key: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  consumer_confirmed_at: string | null;
  consumer_refused_at: string | null;
  created_at: string;
  /** 1 = the consumer agreed that the disclosure may also be released to the agent (R23). */
  release_to_agent: number | null;
}

export interface StaffUsersTable {
  id: string;
  email: string;
  name: string;
  /** reviewer | admin */
  role: string;
  password_hash: string;
  totp_secret: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  /** Base32 secret shown during TOTP enrolment; moved to totp_secret once a first code confirms it. */
  totp_pending_secret: string | null;
  /** The last TOTP time step accepted; a code for it or an earlier step is refused (no replay). */
  totp_last_step: number | null;
}

export interface StaffSessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON payload, validated by the job's schema at enqueue and at run. */
  payload: string;
  /** queued | running | done | dead */
  state: string;
  /** Unique: enqueueing the same step twice is a no-op, which makes handlers idempotent. */
  idempotency_key: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  /** Lease end; a worker heartbeats it forward, and an expired lease lets another worker take over. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportsTable {
  id: string;
  request_id: string;
  /** json | pdf */
  format: string;
  /** disk | database */
  storage: string;
  storage_key: string;
  /** SHA-256 of the plaintext, shown in the PDF footer and checked on download. */
  sha256: string;
  size_bytes: number;
  created_at: string;
  expires_at: string;
  purged_at: string | null;
}

export interface ReportChunksTable {
  report_id: string;
  seq: number;
  data: Buffer;
}

export interface DownloadLinksTable {
  /** SHA-256 (hex) of the random token in the URL; the token itself is never stored. */
  id: string;
  request_id: string;
  /** json | pdf, or null for a link that serves both. */
  format: string | null;
  /** The consumer session (its hashed id) the link is bound to; exactly one binding is set (X9). */
  consumer_session_id: string | null;
  agent_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditEventsTable {
  id: string;
  /** Gapless position in the hash chain. */
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  request_id: string | null;
  /** JSON with ids and codes only, never personal data. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface RateLimitHitsTable {
  /** HMAC-SHA256 (hex) of the limited key, e.g. "issue-code:email:<address>": no address in clear. */
  bucket: string;
  window_seconds: number;
  /** Start of the fixed window (UTC text), a multiple of window_seconds since the epoch. */
  window_start: string;
  /** Attempts counted in this window; raised only by a conditional UPDATE (hits < max). */
  hits: number;
  /** End of the window; a sweep may delete the row after that. */
  expires_at: string;
}

export interface SignInThrottlesTable {
  /** HMAC-SHA256 (hex) of the counted key, e.g. "pair:staff:<address>:<ip>": no address or IP in clear. */
  bucket: string;
  /** pair | ip | episode (server/sign-in-throttle/sign-in-throttle-policy.ts). */
  scope: string;
  /** Failures since the count last started again (after a quiet spell, or a sign-in from the pair). */
  failures: number;
  last_failure_at: string;
  /** Sign-ins through this bucket are refused until then (UTC text); null while not blocked. */
  blocked_until: string | null;
}

export interface MailSendsTable {
  /** "<request id>:<template>[:<occurrence>]": at most one such mail per request. */
  once_key: string;
  request_id: string;
  template: string;
  /** The RFC 5322 Message-ID, with angle brackets; the same on every attempt. */
  message_id: string;
  /** Attempts handed to the mail server (recorded before each one). */
  attempts: number;
  /** Set once the mail server accepted it; null while an attempt may or may not have gone out. */
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewWithholdingsTable {
  id: string;
  request_id: string;
  /** Spool field id, e.g. "support_messages.body". */
  field_id: string;
  /** The record's key inside its dataset; null = the field in every record. */
  record_key: string | null;
  /** third_party_pi | security_risk | exempt | other (server/review/review-reasons.shared.ts). */
  reason_code: string;
  /** The reviewer's written basis; may name people, so it never goes into the audit trail. */
  reason_text: string;
  /**
   * Withholding by match (field_id "*", record_key null): every value that contains this text,
   * case-insensitively, in any field of any record. null for a field or record withholding.
   */
  match_text: string | null;
  staff_id: string;
  created_at: string;
}

export interface SourceRunsTable {
  id: string;
  /** The request whose collection this was; null for a run not tied to a request. */
  request_id: string | null;
  source_id: string;
  /** ok | failed | timed_out (SourceStatus, server/collection/collection-types.shared.ts). */
  status: string;
  records: number;
  duration_ms: number;
  /** A code such as "ETIMEDOUT" or "DATAMAP_DRIFT"; never personal data. */
  error_code: string | null;
  created_at: string;
}

/** Pairwise DRP bearer tokens (DRP 1.0 §2.05); a new token replaces the agent's earlier ones. */
export interface DrpTokensTable {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  id: string;
  /** agents.id of the DRP agent the token was minted for. */
  agent_id: string;
  drp_version: string;
  created_at: string;
}

/** Signed DRP bodies already accepted, until they expire (replay protection). */
export interface DrpReplaysTable {
  /** SHA-256 (hex) of the agent id and the signed body bytes. */
  id: string;
  expires_at: string;
}

/** DRP-only facts of a request that came in over the Data Rights Protocol. */
export interface DrpRequestsTable {
  request_id: string;
  agent_id: string;
  /** The agent's own id for the request, echoed as agent_request_id in every status. */
  agent_request_id: string | null;
  /** Where every status change is POSTed (DRP 1.0 §2.03); null = the agent polls. */
  status_callback: string | null;
  drp_version: string;
  /** The DRP action, e.g. "access". */
  exercise: string;
  /** "ccpa", or null for a voluntary request. */
  regime: string | null;
  /** Set when the agent revoked the request (DELETE): the cancelled request reads as "revoked". */
  revoked_at: string | null;
  created_at: string;
  /** The request event whose status was last queued for status_callback: older queued callbacks are dropped. */
  callback_change_id: string | null;
  /** That status (JSON): a change that leaves the status as it was queues no callback. */
  callback_status: string | null;
}

export interface Database {
  requests: RequestsTable;
  request_events: RequestEventsTable;
  verification_challenges: VerificationChallengesTable;
  verification_evidence: VerificationEvidenceTable;
  consumer_sessions: ConsumerSessionsTable;
  agents: AgentsTable;
  authorizations: AuthorizationsTable;
  agent_sessions: AgentSessionsTable;
  agent_tokens: AgentTokensTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  jobs: JobsTable;
  reports: ReportsTable;
  report_chunks: ReportChunksTable;
  download_links: DownloadLinksTable;
  audit_events: AuditEventsTable;
  rate_limit_hits: RateLimitHitsTable;
  sign_in_throttles: SignInThrottlesTable;
  mail_sends: MailSendsTable;
  review_withholdings: ReviewWithholdingsTable;
  source_runs: SourceRunsTable;
  drp_tokens: DrpTokensTable;
  drp_replays: DrpReplaysTable;
  drp_requests: DrpRequestsTable;
}

export type RequestRow = Selectable<RequestsTable>;
export type NewRequestRow = Insertable<RequestsTable>;
export type RequestUpdate = Updateable<RequestsTable>;
export type JobRow = Selectable<JobsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
