import { Form } from "@remix-run/react";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { REVIEW_REASON_LABELS, label } from "./request-labels";

export interface WithholdingRow {
  id: string;
  fieldId: string;
  recordKey: string | null;
  matchText: string | null;
  reasonCode: string;
  reasonText: string;
  staffName: string | null;
  createdAt: string;
}

function scope(w: WithholdingRow): string {
  if (w.matchText !== null) return `Every value containing "${w.matchText}"`;
  if (w.recordKey === null) return "Every record";
  return w.fieldId === "*" ? "One whole record" : "One record";
}

/** The reviewer's decisions, each with its basis and who decided it, and an undo until approval (R42). */
export function ReviewWithholdings({ rows, fieldLabels, version, csrf, busy }: { rows: WithholdingRow[]; fieldLabels: Map<string, string>; requestId: string; version: number; csrf: CsrfFieldData; busy: boolean }) {
  if (rows.length === 0) return <p>Nothing withheld yet.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Withholdings" tabIndex={0}>
      <table className="ops-table cards">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Records</th>
            <th scope="col">Basis</th>
            <th scope="col">Reason</th>
            <th scope="col">Decided by</th>
            <th scope="col">Undo</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr key={w.id}>
              <th scope="row" data-label="Field">
                {w.fieldId === "*" ? "All fields" : (fieldLabels.get(w.fieldId) ?? w.fieldId)}
                {w.fieldId === "*" ? null : <code className="actor-id">{w.fieldId}</code>}
              </th>
              <td data-label="Records">{scope(w)}</td>
              <td data-label="Basis">{label(REVIEW_REASON_LABELS, w.reasonCode)}</td>
              <td data-label="Reason" className="free-text">
                {w.reasonText || "None written"}
              </td>
              <td data-label="Decided by">
                {w.staffName ?? "A former staff member"}
                <span className="actor-id">{w.createdAt}</span>
              </td>
              <td data-label="Undo">
                <Form method="post" preventScrollReset>
                  <CsrfInput field={csrf} />
                  <input type="hidden" name="version" value={version} />
                  <input type="hidden" name="withholdingId" value={w.id} />
                  <button type="submit" name="intent" value="undo" disabled={busy}>
                    Undo<span className="visually-hidden"> this withholding ({scope(w)})</span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
