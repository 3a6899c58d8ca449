import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/** What the control inside a FieldFrame must carry so its label, hint and error reach screen readers. */
export interface ControlA11yProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldFrameProps {
  label: string;
  /** Shown under the label, tied to the control with aria-describedby. */
  hint?: string;
  /** Shown under the control and marks it invalid. */
  error?: string | null;
  id?: string;
}

/**
 * The label / hint / control / error layout every ops form control shares, with the ids wired for
 * screen readers (WCAG 1.3.1, 3.3.1); the control itself is rendered by `children`.
 */
export function FieldFrame({ label, hint, error, id, children }: FieldFrameProps & { children: (control: ControlA11yProps) => ReactNode }) {
  const auto = useId();
  const controlId = id ?? auto;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & FieldFrameProps;

/** A labelled input with its hint and error wired for screen readers. */
export function Field({ label, hint, error, id, ...input }: FieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}
