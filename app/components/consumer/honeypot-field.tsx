import { useTranslation } from "~/i18n/use-translation";

/** The honeypot's field name; defined here, not in a .server module, so the browser bundle has it too. */
export const HONEYPOT_FIELD = "website";

/**
 * A field people never see: moved off-screen by the `.hp` class (no inline style: the CSP forbids
 * it) and out of the tab order. Scripts that fill every input fill it too, and the action refuses
 * those submissions. Its label says to leave it empty, for anyone whose tools reveal it.
 */
export function HoneypotField() {
  const { t } = useTranslation();
  return (
    <div className="hp">
      <label htmlFor="hp-website">{t("form.honeypot")}</label>
      <input id="hp-website" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
