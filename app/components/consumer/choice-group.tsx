import { describedBy, FieldNotes, fieldId } from "./text-field";

export interface Choice {
  value: string;
  label: string;
  hint?: string;
  lang?: string;
}

interface ChoiceGroupProps {
  name: string;
  legend: string;
  hint?: string;
  choices: readonly Choice[];
  defaultValue?: string;
  error?: string | null;
  /** Side by side for short answers (Yes / No); stacked otherwise. */
  inline?: boolean;
}

/**
 * A radio group in a fieldset. No option is pre-selected unless the caller passes one, and every
 * option is worded positively and equally prominent (11 CCR 7004(a)(2): symmetry in choice).
 * The first radio carries the group's id, so an error summary link lands on it.
 */
export function ChoiceGroup({ name, legend, hint, choices, defaultValue, error, inline }: ChoiceGroupProps) {
  const id = fieldId(name);
  return (
    <fieldset className={`choices${inline ? " choices-inline" : ""}${error ? " field-invalid" : ""}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <FieldNotes id={id} hint={hint} error={error} />
      <div className="choice-list">
        {choices.map((choice, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`;
          return (
            <div className="choice" key={choice.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={choice.value}
                defaultChecked={defaultValue === choice.value}
                aria-describedby={choice.hint ? `${optionId}-hint` : undefined}
                aria-invalid={error ? true : undefined}
              />
              <div className="choice-text">
                <label htmlFor={optionId} lang={choice.lang} className="choice-label">
                  {choice.label}
                </label>
                {choice.hint ? (
                  <span id={`${optionId}-hint`} className="choice-hint">
                    {choice.hint}
                  </span>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
