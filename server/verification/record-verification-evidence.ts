import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { DATA_POINT_NAMES, VERIFICATION_LEVELS } from "./data-points.shared";
import { insertVerificationEvidence } from "./verification-evidence.repository";
import { VERIFICATION_RULES_VERSION } from "./verification-policy";

const RecordVerificationEvidenceInputSchema = z.strictObject({
  requestId: z.string().regex(/^[0-9a-z]{26}$/),
  // An enum of names: a value (an address, a phone number) cannot get in here by mistake (R12).
  matchedPoints: z.array(z.enum(DATA_POINT_NAMES)).max(DATA_POINT_NAMES.length),
  level: z.enum(VERIFICATION_LEVELS),
  declaration: z
    .strictObject({
      /** The name the requester typed as their signature. */
      typedName: z.string().trim().min(1).max(200),
      signedAt: z.date(),
      ip: z.string().trim().max(64).nullable().optional(),
    })
    .optional(),
  now: z.date().optional(),
});
export type RecordVerificationEvidenceInput = z.input<typeof RecordVerificationEvidenceInputSchema>;

/**
 * Keeps what a verification rested on, with the case (R11: every case stores the data points used
 * and the outcome; R16, 11 CCR 7062(c): signed declarations are kept as part of the business's
 * records; retained with the request log, 7101). Stored: the NAMES of the matched points, never
 * their values (7060(d): verification data is not kept longer than needed), the level reached,
 * and for a declaration under penalty of perjury the typed signature, its time and the IP.
 *
 * The row and an audit event (names, level and rule-set version only) commit together. Returns the
 * evidence id. Throws AppError("validation") naming fields, never values.
 */
export async function recordVerificationEvidence(ctx: AppContext, rawInput: RecordVerificationEvidenceInput): Promise<{ id: string }> {
  const parsed = RecordVerificationEvidenceInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new AppError("validation", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const input = parsed.data;
  const now = input.now ?? new Date();
  const matched = [...new Set(input.matchedPoints)];
  const id = newId();

  await runInWriteTransaction(ctx, async (tx) => {
    await insertVerificationEvidence(tx.db, {
      id,
      request_id: input.requestId,
      matched_points: JSON.stringify(matched),
      level: input.level,
      declaration_name: input.declaration?.typedName ?? null,
      declaration_at: input.declaration ? toDbTime(input.declaration.signedAt) : null,
      declaration_ip: input.declaration?.ip ?? null,
      created_at: toDbTime(now),
    });
    await recordAuditEvent(tx, {
      actor: { kind: "consumer", id: null },
      action: "verification.evidence_recorded",
      requestId: input.requestId,
      details: {
        evidenceId: id,
        level: input.level,
        matchedPoints: matched.join("."),
        matchedCount: matched.length,
        declaration: input.declaration !== undefined,
        rulesVersion: VERIFICATION_RULES_VERSION,
      },
      now,
    });
  });
  ctx.logger.info({ requestId: input.requestId, evidenceId: id, verificationLevel: input.level, matchedCount: matched.length }, "verification evidence recorded");
  return { id };
}
