import { useTranslation } from "~/i18n/use-translation";

/** "Step 2 of 3: Confirm your e-mail", so nobody wonders how long the flow is (11 CCR 7004(a)(5): easy to execute). */
export function StepIndicator({ step }: { step: 1 | 2 | 3 }) {
  const { t } = useTranslation();
  const names = t("steps.names", { returnObjects: true }) as unknown as string[];
  return (
    <p className="step-indicator">
      {t("steps.current", { step, name: names[step - 1] })}
    </p>
  );
}
