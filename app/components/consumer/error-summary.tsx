import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { fieldId } from "./text-field";

/**
 * The list of problems at the top of a form after a failed submit, each linking to its field
 * (WCAG 3.3.1, 3.3.3). It takes focus when it appears, so keyboard and screen-reader users
 * land on it instead of at the top of an unchanged page.
 */
export function ErrorSummary({ errors, trigger }: { errors: { field: string; message: string }[]; /** A new value (the action's result) moves focus here again. */ trigger: unknown }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [trigger]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("form.summaryTitle", { count: errors.length })}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
