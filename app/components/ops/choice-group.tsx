import { useId } from "react";

interface ChoiceGroupProps {
  /** Given to the first radio button, so an error summary can link to the group. */
  id?: string;
  legend: string;
  name: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
  error?: string | null;
}

/** Radio buttons in a fieldset; the error is announced with the group (WCAG 1.3.1, 3.3.1). */
export function ChoiceGroup({ id, legend, name, options, defaultValue, error }: ChoiceGroupProps) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      {options.map((o, i) => (
        <label className="choice" key={o.value}>
          <input type="radio" id={i === 0 ? id : undefined} name={name} value={o.value} defaultChecked={o.value === defaultValue} />
          <span>
            {o.label}
            {o.hint ? <span className="choice-hint">{o.hint}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
