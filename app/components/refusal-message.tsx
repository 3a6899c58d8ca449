import { useLocation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { useCountdown, useWaitText } from "./consumer/use-wait-text";

/** The refusal the HTTP layer (server/http/refusal-build.ts) or a form reader put in the error's data. */
export interface Refusal {
  status: number;
  retryAfterSeconds?: number;
}

export function readRefusal(data: unknown): Refusal | null {
  const refusal = (data as { refusal?: unknown } | null)?.refusal as Refusal | undefined;
  return refusal && typeof refusal.status === "number" ? refusal : null;
}

/**
 * What a person sees when a request was turned away before a page ran (ADR 033): what happened,
 * that nothing changed, and what to do: for a rate limit, how long to wait, counting down.
 */
export function RefusalMessage({ refusal }: { refusal: Refusal }) {
  const { t } = useTranslation();
  if (refusal.status === 429) return <RateLimited seconds={refusal.retryAfterSeconds ?? 60} />;
  const [title, text] =
    refusal.status === 413
      ? [t("refused.tooLargeTitle"), t("refused.tooLargeText")]
      : refusal.status === 403
        ? [t("refused.forbiddenTitle"), t("refused.forbiddenText")]
        : [t("refused.badRequestTitle"), t("refused.badRequestText")];
  return (
    <section className="panel" role="alert">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t("refused.back")}</a>
      </p>
    </section>
  );
}

function RateLimited({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const waitText = useWaitText();
  const location = useLocation();
  // The deadline is fixed at first render; the countdown only shows it (hydration renders the server's number).
  const [until] = useState(() => Date.now() + seconds * 1000);
  const left = useCountdown(until, seconds);
  return (
    <section className="panel" role="alert">
      <h1>{t("refused.rateLimitedTitle")}</h1>
      <p>{t("refused.rateLimitedText", { wait: waitText(Math.max(1, left)) })}</p>
      <p>
        <a href={location.pathname + location.search}>{t("refused.tryAgain")}</a>
      </p>
    </section>
  );
}
