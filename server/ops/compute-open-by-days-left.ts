import type { AppContext } from "../context";
import { daysBetween } from "../lib/calendar-date";
import { RESPONDED_STATES } from "../requests/request-states.shared";
import { countOpenRequestsByDueDate } from "./ops-queue.repository";

/** Open requests by days left on their clock, today (Pacific): the due-soon burn-down. */
export const DAYS_LEFT_BINS = [
  { label: "overdue", to: -1 },
  { label: "0-7", to: 7 },
  { label: "8-14", to: 14 },
  { label: "15-30", to: 30 },
  { label: "31-45", to: 45 },
  { label: "46-90", to: Infinity },
] as const;

/** Open requests by days left today: overdue, due within a week... (the due-soon burn-down). */
export async function computeOpenByDaysLeft(ctx: AppContext, input: { today: string }): Promise<{ label: string; count: number }[]> {
  const bins = DAYS_LEFT_BINS.map((bin) => ({ label: bin.label, count: 0 }));
  for (const { due, n } of await countOpenRequestsByDueDate(ctx.db, RESPONDED_STATES)) {
    const left = daysBetween(input.today, due);
    bins[DAYS_LEFT_BINS.findIndex((bin) => left <= bin.to)]!.count += n;
  }
  return bins;
}
