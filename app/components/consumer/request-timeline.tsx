import { useTranslation } from "~/i18n/use-translation";

type Step = "received" | "verified" | "collecting" | "in_review" | "delivered" | "denied" | "cancelled" | "expired";

/** The step a request is working towards in each open state. */
const CURRENT: Partial<Record<string, Step>> = {
  received: "verified",
  awaiting_verification: "verified",
  verified: "collecting",
  collecting: "collecting",
  in_review: "in_review",
  approved: "delivered",
};

function stepsFor(state: string, reached: Partial<Record<string, string>>): Step[] {
  const path: Step[] = ["received", "verified", "collecting"];
  if (reached.in_review || state === "in_review") path.push("in_review");
  if (state === "denied" || state === "cancelled") return [...path.filter((s) => reached[s]), state];
  path.push("delivered");
  if (state === "expired") path.push("expired");
  return path;
}

/**
 * Where the request stands: every step on its way, with the date each was reached (California
 * days). The current step is marked for assistive technology with aria-current.
 */
export function RequestTimeline({ state, reachedAt }: { state: string; reachedAt: Partial<Record<string, string>> }) {
  const { t } = useTranslation();
  const current = CURRENT[state];
  return (
    <ol className="timeline">
      {stepsFor(state, reachedAt).map((step) => {
        const status = step === current ? "current" : reachedAt[step] ? "done" : "todo";
        return (
          <li key={step} className={`timeline-step timeline-${status} timeline-${step}`} aria-current={status === "current" ? "step" : undefined}>
            <span className="timeline-marker" aria-hidden="true" />
            <span className="timeline-label">{t(`status.steps.${step}`)}</span>
            <span className="timeline-meta">
              {status === "done" ? `${t("status.stepDone")} · ${reachedAt[step]}` : status === "current" ? t("status.stepCurrent") : t("status.stepTodo")}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
