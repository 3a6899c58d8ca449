/** How much of the legal clock is left, as the queue and the request page show it. */
export interface DueInfo {
  daysLeft: number;
  status: "ok" | "due_soon" | "due_today" | "overdue";
}

const MARKS: Record<DueInfo["status"], string | null> = {
  ok: null,
  due_soon: "Due soon",
  due_today: "Due today",
  overdue: "Overdue",
};

function daysText(daysLeft: number): string {
  if (daysLeft === 0) return "Last day";
  const n = Math.abs(daysLeft);
  return daysLeft > 0 ? `${n} ${n === 1 ? "day" : "days"} left` : `${n} ${n === 1 ? "day" : "days"} overdue`;
}

/** Days left in words plus a mark; the mark is text, so it never relies on colour alone (WCAG 1.4.1). */
export function DueMark({ due }: { due: DueInfo | null }) {
  if (!due) return <span className="due-answered">Answered</span>;
  const mark = MARKS[due.status];
  return (
    <span className="due">
      <span>{daysText(due.daysLeft)}</span>
      {mark ? <span className={`due-mark due-${due.status.replace("_", "-")}`}>{mark}</span> : null}
    </span>
  );
}
