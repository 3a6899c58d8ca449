import { Form } from "@remix-run/react";
import type { ApproveOutcome, OpsRequestDisplay, PreviewDataset, ReviewPreview, WithholdOutcome } from "~/lib/ops-request.server";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { LANGUAGE_LABELS, REVIEW_REASON_LABELS, label } from "./request-labels";
import { SelectField } from "./select-field";
import { TextAreaField } from "./text-area-field";

export interface ReviewData {
  preview: ReviewPreview;
  withholdings: { id: string; fieldId: string; recordKey: string | null; reasonCode: string; reasonText: string; staffId: string; createdAt: string }[];
  reasonCodes: string[];
  canApprove: boolean;
}

interface DisclosureReviewProps {
  request: OpsRequestDisplay;
  review: ReviewData;
  csrf: CsrfFieldData;
  result: WithholdOutcome | ApproveOutcome | undefined;
  busy: boolean;
}

const CHANGED = "Someone else changed this request while you had it open, so your decision was not saved. The page now shows its current state: check it and decide again.";

function WithholdForm({ request, dataset, review, csrf, result, busy }: Omit<DisclosureReviewProps, "result"> & { dataset: PreviewDataset; result: WithholdOutcome | undefined }) {
  const fields = dataset.fields.filter((f) => !f.neverDisclose);
  if (fields.length === 0) return null;
  const failed = result && !result.ok && result.error === "fields" && fields.some((f) => f.fieldId === result.values.fieldId) ? result : null;
  return (
    <details className="withhold" open={failed ? true : undefined}>
      <summary>Withhold information from {dataset.dataset}</summary>
      <Form method="post" action={`/ops/requests/${request.id}`} noValidate>
        <CsrfInput field={csrf} />
        <input type="hidden" name="version" value={request.version} />
        <SelectField label="Field" name="fieldId" defaultValue={failed?.values.fieldId} options={fields.map((f) => ({ value: f.fieldId, label: f.label }))} />
        <SelectField
          label="Records"
          name="recordKey"
          defaultValue={failed?.values.recordKey}
          hint="A single record is one of the records shown above."
          options={[{ value: "", label: `Every record (${dataset.records})` }, ...dataset.shown.map((r, i) => ({ value: r.recordKey, label: `Record ${i + 1}${r.recordedAt ? `, ${r.recordedAt.slice(0, 10)}` : ""} only` }))]}
        />
        <SelectField
          label="Basis"
          name="reasonCode"
          defaultValue={failed?.values.reasonCode ?? "third_party_pi"}
          options={review.reasonCodes.map((c) => ({ value: c, label: label(REVIEW_REASON_LABELS, c) }))}
          error={failed?.fields.reasonCode ? "Choose the basis." : null}
        />
        <TextAreaField
          label="Reason"
          name="reasonText"
          maxLength={2000}
          defaultValue={failed?.values.reasonText}
          hint={`Kept with the request. For "Other" the consumer reads it as the reason, so write it in ${label(LANGUAGE_LABELS, request.language)}; for the other bases they get the standard explanation.`}
          error={failed?.fields.reasonText ? 'Write the reason: with "Other" the consumer reads it.' : null}
        />
        <button type="submit" name="intent" value="withhold" className="danger" disabled={busy}>
          Withhold
        </button>
      </Form>
    </details>
  );
}

function DatasetPreview({ dataset, ...props }: Omit<DisclosureReviewProps, "result"> & { dataset: PreviewDataset; result: WithholdOutcome | undefined }) {
  const shown = dataset.shown.length;
  const caption = `${dataset.dataset} (${dataset.source}): ${dataset.records} ${dataset.records === 1 ? "record" : "records"}${shown < dataset.records ? `, first ${shown} shown` : ""}`;
  return (
    <div className="review-dataset">
      <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="ops-table review-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              {dataset.fields.map((f) => (
                <th scope="col" key={f.fieldId}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dataset.shown.map((r, i) => (
              <tr key={r.recordKey || i}>
                <th scope="row">
                  {i + 1}
                  {r.recordedAt ? <span className="actor-id">{r.recordedAt.slice(0, 10)}</span> : null}
                </th>
                {dataset.fields.map((f) => {
                  const piece = r.pieces.find((p) => p.fieldId === f.fieldId);
                  if (!piece) return <td key={f.fieldId} />;
                  return (
                    <td key={f.fieldId} className={piece.withheldByReview ? "withheld-by-review" : undefined}>
                      {"neverDisclose" in piece ? <span className="not-shown">Collected, not shown ({piece.neverDisclose})</span> : <span className="free-text">{piece.value}</span>}
                      {piece.withheldByReview ? <span className="review-mark">Withheld by review</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <WithholdForm dataset={dataset} {...props} />
    </div>
  );
}

/**
 * Disclosure review (R42): what the disclosure will contain, the reviewer's withholdings with their
 * bases (R35, X21), and approve-and-release. Never-disclose values are not in the preview at all.
 */
export function DisclosureReview({ request, review, csrf, result, busy }: DisclosureReviewProps) {
  const { preview } = review;
  const withholdResult = result?.intent === "withhold" ? result : undefined;
  const fieldLabels = new Map(preview.available ? preview.categories.flatMap((c) => c.datasets.flatMap((d) => d.fields.map((f) => [f.fieldId, `${f.label} (${d.dataset})`] as const))) : []);
  return (
    <section className="panel disclosure-review" aria-labelledby="review-title">
      <h2 id="review-title">Disclosure review</h2>
      {result && (result.ok || result.error !== "fields") ? (
        <div className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          <p>
            {result.ok
              ? result.intent === "withhold"
                ? "Withholding saved. The disclosure will leave those values out and tell the consumer why."
                : "Disclosure approved. It is being rendered and the consumer will be told it is ready."
              : result.error === "conflict"
                ? CHANGED
                : "This request is no longer in review, so the disclosure can no longer be changed here."}
          </p>
        </div>
      ) : null}
      {!preview.available ? (
        <p>The collected data for this request is no longer available to preview. Send the request back to collection to review it.</p>
      ) : (
        <>
          <p>
            {preview.recordCount} {preview.recordCount === 1 ? "record holds" : "records hold"} personal information for this disclosure. Check the values below: information about
            other people (for example a colleague named in a message) must be withheld with a basis. Types the law never allows us to show appear only as
            &ldquo;collected, not shown&rdquo;.
          </p>
          {!preview.complete ? (
            <div className="form-error" role="alert">
              <p>Not every system could be searched: this disclosure is incomplete and must not be released as complete.</p>
            </div>
          ) : null}
          <h3>Withholdings</h3>
          {review.withholdings.length === 0 ? (
            <p>Nothing withheld yet.</p>
          ) : (
            <div className="table-scroll" role="region" aria-label="Withholdings" tabIndex={0}>
              <table className="ops-table">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Records</th>
                    <th scope="col">Basis</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Decided</th>
                  </tr>
                </thead>
                <tbody>
                  {review.withholdings.map((w) => (
                    <tr key={w.id}>
                      <th scope="row">
                        {fieldLabels.get(w.fieldId) ?? w.fieldId}
                        <code className="actor-id">{w.fieldId}</code>
                      </th>
                      <td>{w.recordKey === null ? "Every record" : "One record"}</td>
                      <td>{label(REVIEW_REASON_LABELS, w.reasonCode)}</td>
                      <td className="free-text">{w.reasonText || "None written"}</td>
                      <td>
                        {w.createdAt}
                        <span className="actor-id">{w.staffId}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.categories.map((category) => (
            <div className="review-category" key={category.code}>
              <h3>
                {category.code}. {category.label}: {category.records} {category.records === 1 ? "record" : "records"}
              </h3>
              {category.datasets.map((dataset) => (
                <DatasetPreview key={`${dataset.source}:${dataset.dataset}`} dataset={dataset} request={request} review={review} csrf={csrf} result={withholdResult} busy={busy} />
              ))}
            </div>
          ))}
          <h3>Approve and release</h3>
          {review.canApprove ? (
            <Form method="post" action={`/ops/requests/${request.id}`}>
              <CsrfInput field={csrf} />
              <input type="hidden" name="version" value={request.version} />
              <p>The disclosure is rendered without the withheld values and made available to the consumer. Review time counts against the deadline.</p>
              <button type="submit" name="intent" value="approve" disabled={busy || !preview.complete}>
                Approve and release
              </button>
            </Form>
          ) : (
            <p>Your role may not release disclosures. Ask a colleague who can.</p>
          )}
        </>
      )}
    </section>
  );
}
