import { z } from "zod";
import type { AppContext } from "../context";
import { nowDbTime, toDbTime } from "../lib/clock";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import type { Actor } from "../requests/request-fields.shared";
import { findLastAuditEvent, insertAuditEvent, listAuditDetailsFor, lockAuditChainAndReadHead } from "./audit-events.repository";
import { canonicalJson, computeAuditHash, GENESIS_HASH } from "./compute-audit-hash";

/**
 * Details hold ids, codes, dates and counts only, never personal data (DESIGN.md §7; the audit
 * trail outlives the disclosure and is read by auditors, 11 CCR 7101(c)). The value pattern has
 * no room for spaces or "@", so a name, an address or an e-mail is refused rather than stored.
 */
const CODE_VALUE = /^[A-Za-z0-9_.:-]{0,100}$/;
const AuditDetailsSchema = z.record(
  z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/),
  z.union([z.string().regex(CODE_VALUE), z.number(), z.boolean(), z.null()]),
);
export type AuditDetails = z.infer<typeof AuditDetailsSchema>;

export interface RecordAuditEventInput {
  actor: Actor;
  /** Dotted verb, e.g. "request.received", "request.denied", "deadline.reminder". */
  action: string;
  requestId?: string | null;
  details?: AuditDetails;
  /** Record at most once per (request, action, onceKey), e.g. a date for a daily reminder. */
  onceKey?: string;
  now?: Date;
}

const MAX_APPEND_ATTEMPTS = 5;

/**
 * The row this transaction appended last, per open transaction (ADR 055). Once a transaction has
 * appended, it holds the chain (MySQL: the seq-1 lock, or the new seq-1 row itself; SQLite: the
 * write lock) until it ends, so no one else can have appended since and the next append in the
 * same transaction needs no lock and no read. A transaction that rolls back or retries is a new
 * object, so its entry is never reused; a wrong entry would only cost a duplicate-seq retry below.
 */
const heldHeads = new WeakMap<object, { seq: number; hash: string }>();

/**
 * Appends one row to the hash-chained audit trail, inside the caller's transaction when there is
 * one (so the event commits with the change it records) or in its own otherwise.
 *
 * seq is last seq + 1 and the seq index is UNIQUE: if another appender got there first, the insert
 * fails with a duplicate key, and we read the new last row and try again (both dialects keep the
 * transaction usable after a failed statement). Returns whether a row was written (false only when
 * `onceKey` was already recorded).
 */
export async function recordAuditEvent(ctx: AppContext, input: RecordAuditEventInput): Promise<{ recorded: boolean }> {
  const parsed = AuditDetailsSchema.safeParse(input.details ?? {});
  if (!parsed.success || !/^[a-z][a-z_]*(\.[a-z_]+)+$/.test(input.action)) {
    throw new AppError("validation", { fields: parsed.success ? ["action"] : parsed.error.issues.map((i) => i.path.join(".")) });
  }
  if (input.onceKey !== undefined && (!input.requestId || !CODE_VALUE.test(input.onceKey))) {
    throw new AppError("validation", { fields: ["onceKey"] });
  }
  const details = canonicalJson(input.onceKey === undefined ? parsed.data : { ...parsed.data, once: input.onceKey });
  const at = input.now ? toDbTime(input.now) : nowDbTime();

  return runInWriteTransaction(ctx, async (tx) => {
    const onceOf = input.onceKey !== undefined ? { requestId: input.requestId!, action: input.action } : undefined;
    const held = heldHeads.get(tx.db);
    // One round trip for the lock, the head and the once-check on MySQL when the chain is not held yet.
    const head = held
      ? { last: held, details: onceOf ? await listAuditDetailsFor(tx.db, tx.dialect, onceOf) : [] }
      : await lockAuditChainAndReadHead(tx.db, tx.dialect, onceOf);
    const seen = head.details;
    let last = head.last;
    if (seen.some((d) => (JSON.parse(d) as { once?: unknown }).once === input.onceKey)) return { recorded: false };
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1) last = await findLastAuditEvent(tx.db, tx.dialect);
      const fields = {
        id: newId(),
        seq: (last?.seq ?? 0) + 1,
        at,
        actor_kind: input.actor.kind,
        actor_id: input.actor.id ?? null,
        action: input.action,
        request_id: input.requestId ?? null,
        details,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      try {
        const hash = computeAuditHash(prevHash, fields);
        await insertAuditEvent(tx.db, { ...fields, prev_hash: prevHash, hash });
        heldHeads.set(tx.db, { seq: fields.seq, hash });
        return { recorded: true };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
      }
    }
  });
}
