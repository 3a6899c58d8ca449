import { fromDbTime } from "../lib/clock";
import { CONFIRMATION_RESEND_MINUTES, MAX_CONFIRMATION_RESENDS } from "./agent-policy";

export type ConfirmationResendCheck =
  | { allowed: true; resendsLeft: number }
  | { allowed: false; reason: "too_soon"; retryAt: Date; resendsLeft: number }
  | { allowed: false; reason: "limit_reached"; resendsLeft: 0 };

/**
 * Whether the consumer's confirmation mail may be sent again now, from the links issued for the
 * authorization, oldest first: the first came with the submission, each resend added one. The
 * 10 minutes run from the last resend, not from the submission: an agent whose client says "no
 * mail came" right away may send it once at once, but never twice within 10 minutes. Pure, so the
 * agent's page and the resend itself apply the same rule (agent-policy.ts).
 */
export function checkConfirmationResend(issued: readonly { created_at: string }[], now: Date): ConfirmationResendCheck {
  const resends = issued.slice(1);
  const resendsLeft = Math.max(0, MAX_CONFIRMATION_RESENDS - resends.length);
  if (resendsLeft === 0) return { allowed: false, reason: "limit_reached", resendsLeft: 0 };
  const last = resends.reduce<string | null>((latest, t) => (latest === null || t.created_at > latest ? t.created_at : latest), null);
  if (last !== null) {
    const retryAt = new Date(fromDbTime(last).getTime() + CONFIRMATION_RESEND_MINUTES * 60_000);
    if (retryAt.getTime() > now.getTime()) return { allowed: false, reason: "too_soon", retryAt, resendsLeft };
  }
  return { allowed: true, resendsLeft };
}
