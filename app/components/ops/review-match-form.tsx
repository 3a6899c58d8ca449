import { Form } from "@remix-run/react";
import type { MatchOutcome } from "~/lib/ops-request.server";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { Field } from "./field";
import { REVIEW_REASON_LABELS, label } from "./request-labels";
import { SelectField } from "./select-field";
import { TextAreaField } from "./text-area-field";

interface MatchFormProps {
  requestId: string;
  version: number;
  reasonCodes: string[];
  csrf: CsrfFieldData;
  result: MatchOutcome | undefined;
  busy: boolean;
}

/**
 * "Withhold every value that contains <text>" (issue 17, item 2): a colleague's name in forty
 * support messages is one decision, previewed with the count and a sample before it is applied.
 */
export function MatchForm({ version, reasonCodes, csrf, result, busy }: MatchFormProps) {
  const preview = result?.intent === "preview_match" && result.ok ? result.preview : null;
  const failed = result && !result.ok && result.error === "fields" ? result : null;
  const matchText = result?.values.matchText ?? "";
  return (
    <section className="review-match" aria-labelledby="match-title">
      <h3 id="match-title">Withhold every value that contains a text</h3>
      <Form method="post" noValidate preventScrollReset>
        <CsrfInput field={csrf} />
        <input type="hidden" name="version" value={version} />
        <Field
          label="Text to withhold"
          name="matchText"
          defaultValue={matchText}
          key={`match-${preview ? "previewed" : "new"}-${matchText}`}
          hint="For example a colleague's name. Every value in any record that contains it (upper or lower case alike) is withheld."
          error={failed?.fields.matchText ? "Write at least 3 characters (at most 200)." : null}
        />
        {preview ? (
          <div className="notice" role="status">
            <p>
              {preview.values} {preview.values === 1 ? "value" : "values"} in {preview.records} {preview.records === 1 ? "record" : "records"} contain this text.
              {preview.values > 0 ? " For example:" : " Nothing would be withheld."}
            </p>
            {preview.sample.length > 0 ? (
              <ul className="match-sample">
                {preview.sample.map((s, i) => (
                  <li key={i}>
                    {s.dataset}, record {s.ordinal}: <span className="free-text">{s.value}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {preview && preview.values > 0 ? (
          <>
            <SelectField label="Basis" name="reasonCode" defaultValue="third_party_pi" options={reasonCodes.map((c) => ({ value: c, label: label(REVIEW_REASON_LABELS, c) }))} />
            <TextAreaField label="Reason" name="reasonText" maxLength={2000} hint='Kept with the request; for "Other" the consumer reads it.' error={failed?.fields.reasonText ? 'Write the reason: with "Other" the consumer reads it.' : null} />
            <button type="submit" name="intent" value="withhold_match" className="danger" disabled={busy}>
              Withhold these {preview.values} values
            </button>{" "}
          </>
        ) : null}
        <button type="submit" name="intent" value="preview_match" disabled={busy}>
          {preview ? "Preview again" : "Preview"}
        </button>
      </Form>
    </section>
  );
}
