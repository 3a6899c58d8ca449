import { Form } from "@remix-run/react";
import type { PageRecord } from "~/lib/ops-request.server";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { REVIEW_REASON_LABELS, label } from "./request-labels";
import { ReviewValue, WithheldMark } from "./review-value";
import { SelectField } from "./select-field";
import { TextAreaField } from "./text-area-field";

export interface RecordsTableProps {
  caption: string;
  records: PageRecord[];
  /** Column per field; search results span datasets, so they list pieces in one column instead. */
  fields: { fieldId: string; label: string }[] | null;
  requestId: string;
  version: number;
  reasonCodes: string[];
  csrf: CsrfFieldData;
  busy: boolean;
}

/** The recordKey a whole-record withholding is stored with (server/review/withheld-by-review.ts wholeRecordKey). */
const wholeRecord = (r: PageRecord) => `${r.dataset}#${r.recordKey}`;

/** Withhold one record, or one field of it, with a basis (R35, R42); the disclosure says so and why. */
function WithholdRecord({ record, version, reasonCodes, csrf, busy }: Omit<RecordsTableProps, "caption" | "records" | "fields"> & { record: PageRecord }) {
  const fields = record.pieces.filter((p) => p.neverDisclose === null && !p.withheldBy);
  if (fields.length === 0) return null;
  return (
    <details className="withhold withhold-record">
      <summary>
        Withhold<span className="visually-hidden"> record {record.ordinal} of {record.datasetLabel}</span>
      </summary>
      <Form method="post" noValidate preventScrollReset>
        <CsrfInput field={csrf} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="recordKey" value={record.recordKey} />
        <input type="hidden" name="wholeRecord" value={wholeRecord(record)} />
        <SelectField label="What" name="fieldId" options={[{ value: "*", label: "The whole record" }, ...fields.map((p) => ({ value: p.fieldId, label: `${p.label} only` }))]} />
        <SelectField label="Basis" name="reasonCode" defaultValue="third_party_pi" options={reasonCodes.map((c) => ({ value: c, label: label(REVIEW_REASON_LABELS, c) }))} />
        <TextAreaField label="Reason" name="reasonText" maxLength={2000} hint='Kept with the request; for "Other" the consumer reads it.' />
        <button type="submit" name="intent" value="withhold" className="danger" disabled={busy}>
          Withhold record {record.ordinal}
        </button>
      </Form>
    </details>
  );
}

/** One page of records (R42): every value as the disclosure will show it, with its marks and withholdings. */
export function RecordsTable({ caption, records, fields, ...props }: RecordsTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="ops-table review-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            {fields ? (
              fields.map((f) => (
                <th scope="col" key={f.fieldId}>
                  {f.label}
                </th>
              ))
            ) : (
              <th scope="col">Values</th>
            )}
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={`${r.dataset}:${r.recordKey}:${r.ordinal}`}>
              <th scope="row">
                {fields ? null : <span className="record-dataset">{r.datasetLabel}, </span>}
                Record {r.ordinal}
                {r.recordedAt ? <span className="actor-id">{r.recordedAt.slice(0, 10)}</span> : null}
                <WithholdRecord record={r} {...props} />
              </th>
              {fields ? (
                fields.map((f) => {
                  const piece = r.pieces.find((p) => p.fieldId === f.fieldId);
                  if (!piece) return <td key={f.fieldId} />;
                  return (
                    <td key={f.fieldId} className={piece.withheldBy ? "withheld-by-review" : undefined}>
                      <ReviewValue piece={piece} />
                      <WithheldMark piece={piece} />
                    </td>
                  );
                })
              ) : (
                <td>
                  <dl className="review-pieces">
                    {r.pieces.map((piece) => (
                      <div key={piece.fieldId} className={piece.withheldBy ? "withheld-by-review" : undefined}>
                        <dt>{piece.label}</dt>
                        <dd>
                          <ReviewValue piece={piece} />
                          <WithheldMark piece={piece} />
                        </dd>
                      </div>
                    ))}
                  </dl>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
