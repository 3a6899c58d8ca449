import type { SelectHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps } from "./field";

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & FieldFrameProps & { options: { value: string; label: string }[] };

/** A labelled select with its hint and error tied to it for screen readers, like Field. */
export function SelectField({ label, options, hint, error, id, ...select }: SelectFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {(control) => (
        <select {...control} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
