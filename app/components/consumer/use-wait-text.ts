import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";

/** "45 seconds", "3 minutes" with `t`'s language: rounded up to whole minutes past 90 s. */
export function formatWait(t: TFunction, seconds: number): string {
  return seconds <= 90 ? t("verify.seconds", { count: Math.max(1, seconds) }) : t("verify.minutes", { count: Math.ceil(seconds / 60) });
}

/** formatWait in the page's language: how long until a new code may be sent. */
export function useWaitText(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) => formatWait(t, seconds);
}

/**
 * Seconds left until `until` (epoch ms), counting down once a second in the browser. The first
 * render uses the server's number, so hydration matches; loaders are not re-run after a refused
 * code (a 4xx action), so the count must not depend on them.
 */
export function useCountdown(until: number, serverSeconds: number): number {
  const [seconds, setSeconds] = useState(serverSeconds);
  useEffect(() => {
    const tick = () => setSeconds(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}
