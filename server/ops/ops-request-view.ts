import type { RequestRow } from "../../db/schema";
import { fromDbTime } from "../lib/clock";
import type { DueClassification, RequestDeadlines } from "../requests/deadlines.shared";
import type { RequestEventRow } from "../requests/request-events.repository";
import type { VerificationEvidenceRow } from "../verification/verification-evidence.repository";
import type { AgentSummaryRow, AuthorizationMetaRow } from "./ops-request.repository";

/** Instants travel as ISO 8601 UTC strings; the page formats them in Pacific time. */
export interface OpsRequestView {
  id: string;
  type: string;
  channel: string;
  state: string;
  version: number;
  language: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  californiaResident: boolean | null;
  receivedAt: string;
  receiptDate: string;
  confirmBy: string;
  dueDate: string;
  extendedDueDate: string | null;
  maxExtendedDueDate: string;
  extensionReason: string | null;
  completedAt: string | null;
  denialReason: string | null;
  verificationLevel: string;
  due: DueClassification | null;
  subject: { name: string; email: string; phone: string | null; address: Record<string, string> | null };
  /** sosNumber: what a business agent gave, for the reviewer to check with the Secretary of State (R20). */
  agent: { name: string; kind: string; status: string; sosNumber: string | null } | null;
  authorizations: { id: string; kind: string; mimeType: string; sizeBytes: number; uploadedAt: string; confirmedAt: string | null; refusedAt: string | null }[];
  evidence: { id: string; matchedPoints: string[]; level: string; declarationName: string | null; declarationAt: string | null; recordedAt: string }[];
  events: { id: string; at: string; fromState: string | null; toState: string; actorKind: string; actorName: string | null; reason: string | null }[];
}

const iso = (value: string): string => fromDbTime(value).toISOString();
const isoOrNull = (value: string | null): string | null => (value === null ? null : iso(value));

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export interface OpsRequestParts {
  row: RequestRow;
  deadlines: RequestDeadlines;
  due: DueClassification | null;
  events: RequestEventRow[];
  evidence: VerificationEvidenceRow[];
  authorizations: AuthorizationMetaRow[];
  agent: AgentSummaryRow | undefined;
  staffNames: Map<string, string>;
}

/** Maps the rows of one request to what the ops request page shows. */
export function toOpsRequestView(parts: OpsRequestParts): OpsRequestView {
  const { row, deadlines } = parts;
  return {
    id: row.id,
    type: row.type,
    channel: row.channel,
    state: row.state,
    version: Number(row.version),
    language: row.language,
    period: row.period,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    californiaResident: row.california_resident === null ? null : Number(row.california_resident) === 1,
    receivedAt: iso(row.received_at),
    receiptDate: row.receipt_date,
    confirmBy: deadlines.confirmBy,
    dueDate: row.due_date,
    extendedDueDate: row.extended_due_date,
    maxExtendedDueDate: deadlines.maxExtendedDueDate,
    extensionReason: row.extension_reason,
    completedAt: isoOrNull(row.completed_at),
    denialReason: row.denial_reason,
    verificationLevel: row.verification_level,
    due: parts.due,
    subject: {
      name: row.subject_name,
      email: row.subject_email,
      phone: row.subject_phone,
      address: parseJson<Record<string, string> | null>(row.subject_address, null),
    },
    agent: parts.agent ? { name: parts.agent.name, kind: parts.agent.kind, status: parts.agent.status, sosNumber: parts.agent.sos_number } : null,
    authorizations: parts.authorizations.map((a) => ({
      id: a.id,
      kind: a.kind,
      mimeType: a.mime_type,
      sizeBytes: a.size_bytes,
      uploadedAt: iso(a.created_at),
      confirmedAt: isoOrNull(a.consumer_confirmed_at),
      refusedAt: isoOrNull(a.consumer_refused_at),
    })),
    evidence: parts.evidence.map((e) => ({
      id: e.id,
      matchedPoints: parseJson<string[]>(e.matched_points, []),
      level: e.level,
      declarationName: e.declaration_name,
      declarationAt: isoOrNull(e.declaration_at),
      recordedAt: iso(e.created_at),
    })),
    events: parts.events.map((e) => ({
      id: e.id,
      at: iso(e.created_at),
      fromState: e.from_state,
      toState: e.to_state,
      actorKind: e.actor_kind,
      actorName: e.actor_kind === "staff" && e.actor_id ? (parts.staffNames.get(e.actor_id) ?? null) : null,
      reason: e.reason,
    })),
  };
}
