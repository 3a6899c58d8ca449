import type { TextareaHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps } from "./field";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldFrameProps;

/** A labelled multi-line input with hint and error wired for screen readers, like Field. */
export function TextAreaField({ label, hint, error, id, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {(control) => <textarea {...control} rows={3} {...textarea} />}
    </FieldFrame>
  );
}
