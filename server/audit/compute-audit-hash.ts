import { createHash } from "node:crypto";

/** prev_hash of the first row (seq 1): there is nothing before it. */
export const GENESIS_HASH = "0".repeat(64);

/** The columns a row's hash covers: all of them except prev_hash (chained separately) and hash. */
export interface AuditHashFields {
  id: string;
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  request_id: string | null;
  /** The details column exactly as stored (canonical JSON text). */
  details: string;
}

/** JSON with object keys sorted at every level, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256(prev_hash + canonical JSON of the row). Each row commits to its predecessor, so editing,
 * deleting or reordering any row breaks every hash after it; 11 CCR 7101(b) asks for reasonable
 * security of the request records, and this makes tampering evident.
 *
 * @example computeAuditHash(GENESIS_HASH, { id: "…", seq: 1, at: "2026-01-01 00:00:00.000", actor_kind: "system", actor_id: null, action: "request.received", request_id: "…", details: "{}" })
 */
export function computeAuditHash(prevHash: string, fields: AuditHashFields): string {
  const { id, seq, at, actor_kind, actor_id, action, request_id, details } = fields;
  const body = canonicalJson({ id, seq: Number(seq), at, actor_kind, actor_id, action, request_id, details });
  return createHash("sha256").update(prevHash).update(body).digest("hex");
}
