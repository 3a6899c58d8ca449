import type { InputHTMLAttributes } from "react";
import { useTranslation } from "~/i18n/use-translation";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & {
  name: string;
  label: string;
  hint?: string;
  /** Translated message; marks the input invalid and is read with it (WCAG 3.3.1, 1.3.1). */
  error?: string | null;
  /** Shows "(optional)" after the label: required is the default, so only the exceptions are marked. */
  optional?: boolean;
};

/** The id an error summary links to. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** The hint and error of a field, ids as `describedBy` names them: shared by every consumer form control. */
export function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled text input with its hint and error tied to it for screen readers. */
export function TextField({ name, label, hint, error, optional, className, ...input }: TextFieldProps) {
  const { t } = useTranslation();
  const id = fieldId(name);
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field-optional"> ({t("form.optional")})</span> : null}
      </label>
      <FieldNotes id={id} hint={hint} error={error} />
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </div>
  );
}
