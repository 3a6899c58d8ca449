import { useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { createI18n, type Language } from "~/i18n/i18n";
import type { loader as rootLoader } from "~/root";
import { formatWait, useCountdown } from "./consumer/use-wait-text";

/**
 * "Please wait 2 minutes": shown on the staff and agent sign-in pages when this address from this
 * network (or this network) must wait after repeated failures (ADR 040), counting down. Those
 * pages are English only (ADR 013), so the message is in English, followed by the same message in
 * the visitor's own language (cookie or Accept-Language) when that is another one, marked as such.
 */
export function SignInWait({ seconds }: { seconds: number }) {
  const visitor: Language = useRouteLoaderData<typeof rootLoader>("root")?.lang ?? "en";
  // The deadline is fixed at first render; the countdown only shows it (hydration renders the server's number).
  const [until] = useState(() => Date.now() + seconds * 1000);
  const left = Math.max(1, useCountdown(until, seconds));
  const languages: Language[] = visitor === "en" ? ["en"] : ["en", visitor];
  return (
    <div className="form-error" role="alert" data-testid="sign-in-wait">
      {languages.map((lang) => {
        const { t } = createI18n(lang);
        return (
          <p key={lang} lang={lang}>
            {t("signInWait.text", { wait: formatWait(t, left) })}
          </p>
        );
      })}
    </div>
  );
}
