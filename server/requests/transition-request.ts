import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { enqueueDrpStatusCallback } from "../drp/enqueue-drp-status-callback";
import { enqueueJob } from "../jobs/enqueue-job";
import type { JobToEnqueue } from "../jobs/job-types";
import { nextEventTime } from "./next-event-time";
import { planTransition } from "./plan-transition";
import { insertRequestEvent } from "./request-events.repository";
import type { Actor } from "./request-fields.shared";
import { RESPONDED_STATES, type DenialReason, type RequestState } from "./request-states.shared";
import type { RequestRow } from "../../db/schema";
import { findRequestById, updateRequestVersioned } from "./requests.repository";

export interface TransitionRequestInput {
  requestId: string;
  to: RequestState;
  actor: Actor;
  /** Written reason: shown to the consumer for denials and staff cancellations (R35, R36). */
  reason?: string;
  denialReason?: DenialReason;
  /** The version the caller displayed; omitted = whatever is current (still race-safe). */
  expectedVersion?: number;
  /**
   * The row the caller already read, at `expectedVersion`: used instead of reading it again in the
   * transaction (one statement less, ADR 055). Safe because every change to the fields used here
   * (state, dates, channel) bumps `version`, and the versioned UPDATE refuses a row that moved on
   * (a conflict, as if it had been re-read). Ignored unless its version is `expectedVersion`.
   */
  current?: RequestRow;
  /** The level reached, recorded with the move to "verified" (11 CCR 7062); ignored otherwise. */
  verificationLevel?: "reasonable" | "reasonably_high";
  /** Follow-up work committed with the change, e.g. the notice mail or the collect job. */
  jobs?: readonly JobToEnqueue[];
  now?: Date;
}

/**
 * Moves a request to another state. In ONE transaction: the state (optimistic lock on `version`),
 * its request event, an audit row and the follow-up jobs, so a notice is queued if and only if the
 * decision it announces is committed.
 *
 * Throws AppError: not_found; conflict (the row changed since `expectedVersion`, or another writer
 * won the race); illegal_transition, reason_required, denial_reason_required (planTransition).
 */
export async function transitionRequest(
  ctx: AppContext,
  input: TransitionRequestInput,
): Promise<{ id: string; state: RequestState; version: number }> {
  const now = input.now ?? new Date();
  const result = await runInWriteTransaction(ctx, async (tx) => {
    const known = input.current?.id === input.requestId && input.expectedVersion !== undefined && input.current.version === input.expectedVersion;
    const row = known ? input.current : await findRequestById(tx.db, input.requestId);
    if (!row) throw new AppError("not_found");
    if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) throw new AppError("conflict");
    const from = row.state as RequestState;
    const plan = planTransition({ from, to: input.to, actor: input.actor.kind, reason: input.reason, denialReason: input.denialReason });
    if (!plan.ok) throw new AppError(plan.code, { from, to: input.to });

    const at = nextEventTime(now, row.updated_at);
    const isResponse = RESPONDED_STATES.includes(input.to) && row.completed_at === null;
    const updated = await updateRequestVersioned(tx.db, {
      id: row.id,
      expectedVersion: row.version,
      changes: {
        state: input.to,
        updated_at: at,
        // 11 CCR 7101(a): the record keeps the response date and the basis of a denial.
        ...(isResponse ? { completed_at: at } : {}),
        ...(plan.event.denialReason ? { denial_reason: plan.event.denialReason } : {}),
        ...(input.to === "verified" && input.verificationLevel ? { verification_level: input.verificationLevel } : {}),
      },
    });
    if (!updated) throw new AppError("conflict");
    const actor = { kind: input.actor.kind, id: input.actor.id ?? null };
    const eventId = newId();
    await insertRequestEvent(tx.db, {
      id: eventId,
      request_id: row.id,
      from_state: from,
      to_state: input.to,
      actor_kind: actor.kind,
      actor_id: actor.id,
      reason: plan.event.reason,
      created_at: at,
    });
    // The written reason stays out of the audit row: it is free text and may name people.
    await recordAuditEvent(tx, {
      actor,
      action: `request.${input.to}`,
      requestId: row.id,
      details: { from, to: input.to, denialReason: plan.event.denialReason },
      now,
    });
    for (const job of input.jobs ?? []) await enqueueJob(tx, job);
    // DRP 1.0 §2.03: the agent hears of every change; queued here so it commits with the change.
    if (row.channel === "drp") await enqueueDrpStatusCallback(tx, { requestId: row.id, changeId: eventId });
    return { id: row.id, state: input.to, version: row.version + 1 };
  });
  ctx.logger.info({ requestId: result.id, state: result.state, actor: input.actor.kind }, "request transitioned");
  return result;
}
