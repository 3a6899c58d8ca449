import { useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { useCountdown, useWaitText } from "./consumer/use-wait-text";

/**
 * "Please wait 2 minutes": shown on the staff and agent sign-in pages when this address from this
 * network (or this network) must wait after repeated failures (ADR 040). In the visitor's language,
 * marked as such, inside pages that are otherwise English; counts down in the browser.
 */
export function SignInWait({ seconds }: { seconds: number }) {
  const { t, i18n } = useTranslation();
  const waitText = useWaitText();
  // The deadline is fixed at first render; the countdown only shows it (hydration renders the server's number).
  const [until] = useState(() => Date.now() + seconds * 1000);
  const left = useCountdown(until, seconds);
  return (
    <div className="form-error" role="alert" lang={i18n.language} data-testid="sign-in-wait">
      <p>{t("signInWait.text", { wait: waitText(Math.max(1, left)) })}</p>
    </div>
  );
}
