import { Form } from "@remix-run/react";
import type { DenyOutcome, ExtendOutcome, OpsRequestDisplay, ResendOutcome } from "~/lib/ops-request.server";
import { ChoiceGroup } from "./choice-group";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { DENIAL_LABELS, LANGUAGE_LABELS, label } from "./request-labels";
import { TextAreaField } from "./text-area-field";

type Extension = { possible: true; newDueDate: string } | { possible: false; why: string };
export interface RequestActionsProps {
  request: OpsRequestDisplay;
  actions: { deny: boolean; extension: Extension | null; resend: boolean };
  denialReasons: string[];
  csrf: CsrfFieldData;
  result: DenyOutcome | ExtendOutcome | ResendOutcome | undefined;
  busy: boolean;
}

// The page reloads its data after a refusal (shouldRevalidate), so it already shows the change.
const CHANGED = "Someone else changed this request while you had it open, so your decision was not saved. The page now shows its current state: check it and decide again.";

/** Why an extension is not (or no longer) possible, in words (R9, X20). */
function extensionRefusal(code: string, request: OpsRequestDisplay): string {
  switch (code) {
    case "already_extended":
      return `This request has already been extended once${request.extendedDueDate ? `, to ${request.extendedDueDate}` : ""}. The law allows only one extension, so it cannot be extended again.`;
    case "too_late":
      return `The first 45 days ended on ${request.dueDate}. An extension must be sent within them, so it can no longer be given; answer or deny the request now.`;
    case "answered":
      return "This request has already been answered, so its deadline cannot be extended.";
    case "conflict":
      return CHANGED;
    case "reason_required":
      return "Write why more time is needed: the consumer reads it in the notice.";
    default:
      return "That extension is not allowed. Check the dates on this page.";
  }
}

function Message({ ok, children }: { ok: boolean; children: string }) {
  return (
    <div className={ok ? "notice" : "form-error"} role={ok ? "status" : "alert"}>
      <p>{children}</p>
    </div>
  );
}

/** Step two of a denial: the exact notice, and the one button that sends it (issue 17.4). */
function DenyConfirmation({
  request,
  csrf,
  busy,
  outcome,
}: Pick<RequestActionsProps, "request" | "csrf" | "busy"> & { outcome: Extract<DenyOutcome, { error: "confirm" }> }) {
  return (
    <div className="deny-confirm" role="region" aria-labelledby="deny-confirm-title">
      <h4 id="deny-confirm-title">Check the notice before it is sent</h4>
      <p>The consumer will receive this e-mail, in {label(LANGUAGE_LABELS, outcome.preview.language)}. The request is not denied until you send it.</p>
      <figure className="mail-preview">
        <figcaption>
          <strong>Subject:</strong> {outcome.preview.subject}
        </figcaption>
        <pre lang={outcome.preview.language}>{outcome.preview.text}</pre>
      </figure>
      <Form method="post" action={`/ops/requests/${request.id}`}>
        <CsrfInput field={csrf} />
        <input type="hidden" name="version" value={request.version} />
        <input type="hidden" name="denialReason" value={outcome.values.denialReason} />
        <input type="hidden" name="reason" value={outcome.values.reason} />
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit" name="intent" value="deny" className="danger" disabled={busy}>
          Send the denial
        </button>
      </Form>
      <p>To change the basis or the wording, edit the form below and check the notice again.</p>
    </div>
  );
}

function DenyForm({ request, denialReasons, csrf, result, busy }: Omit<RequestActionsProps, "actions"> & { result: DenyOutcome | undefined }) {
  const failed = result && !result.ok ? result : null;
  return (
    <>
      {failed?.error === "confirm" ? <DenyConfirmation request={request} csrf={csrf} busy={busy} outcome={failed} /> : null}
      <Form method="post" action={`/ops/requests/${request.id}`} noValidate>
        <CsrfInput field={csrf} />
        <input type="hidden" name="version" value={request.version} />
        <ChoiceGroup
          legend="Basis of the denial"
          name="denialReason"
          defaultValue={failed?.values.denialReason}
          options={denialReasons.map((r) => ({ value: r, label: label(DENIAL_LABELS, r) }))}
          error={failed?.fields.denialReason ? "Choose the basis of the denial." : null}
        />
        <TextAreaField
          label="Reason"
          name="reason"
          maxLength={2000}
          defaultValue={failed?.values.reason}
          hint={`Kept with the request. For "Other" the consumer reads it as the reason, so write it in ${label(
            LANGUAGE_LABELS,
            request.language
          )}; for the other bases they get the standard explanation.`}
          error={failed?.fields.reason ? "Write the reason for the denial." : null}
        />
        <button type="submit" name="intent" value="deny" disabled={busy}>
          {failed?.error === "confirm" ? "Check the changed notice" : "Check the notice"}
        </button>
      </Form>
    </>
  );
}

/**
 * The reviewer's decisions on the request, each a POST with CSRF and its own permission. Forms
 * post to the bare request address, so a one-off note in the query ("recorded") goes away.
 */
export function RequestActions({ request, actions, denialReasons, csrf, result, busy }: RequestActionsProps) {
  const { extension } = actions;
  if (!actions.deny && !extension && !actions.resend && !result) return null;
  return (
    <section className="panel ops-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      {extension ? (
        <div className="action">
          <h3>Extend the deadline</h3>
          {result?.intent === "extend" && (result.ok || result.error !== "reason_required") ? (
            <Message ok={result.ok}>
              {result.ok
                ? `Deadline extended to ${result.newDueDate}. The consumer's notice with your reason is queued.`
                : extensionRefusal(result.error, request)}
            </Message>
          ) : null}
          {extension.possible ? (
            <Form method="post" action={`/ops/requests/${request.id}`} noValidate>
              <CsrfInput field={csrf} />
              <TextAreaField
                label="Why more time is needed"
                name="reason"
                maxLength={2000}
                required
                defaultValue={result?.intent === "extend" && !result.ok ? result.values.reason : undefined}
                error={result?.intent === "extend" && !result.ok && result.error === "reason_required" ? extensionRefusal("reason_required", request) : null}
                hint={`The consumer reads "We need more time to respond. Our reason:" and then your text as a quotation, in ${label(
                  LANGUAGE_LABELS,
                  request.language
                )}. The new due date will be ${extension.newDueDate}, 90 days after receipt. Only one extension is allowed.`}
              />
              <button type="submit" name="intent" value="extend" disabled={busy}>
                Extend to {extension.newDueDate}
              </button>
            </Form>
          ) : result?.intent === "extend" ? null : (
            <p>{extensionRefusal(extension.why, request)}</p>
          )}
        </div>
      ) : null}
      {actions.deny || result?.intent === "deny" ? (
        <div className="action">
          <h3>Deny the request</h3>
          {result?.intent === "deny" && (result.ok || (result.error !== "fields" && result.error !== "confirm")) ? (
            <Message ok={result.ok}>
              {result.ok
                ? "Request denied. The consumer's notice is queued."
                : result.error === "conflict"
                ? CHANGED
                : "This request can no longer be denied in its current state, shown on this page now."}
            </Message>
          ) : null}
          {actions.deny ? (
            <DenyForm request={request} denialReasons={denialReasons} csrf={csrf} result={result?.intent === "deny" ? result : undefined} busy={busy} />
          ) : null}
        </div>
      ) : null}
      {actions.resend || result?.intent === "resend" ? (
        <div className="action">
          <h3>Download link</h3>
          {result?.intent === "resend" ? (
            <Message ok={result.ok}>
              {!result.ok
                ? "Only a delivered request has a download link to resend."
                : `Ended ${result.revoked} download ${
                    result.revoked === 1 ? "link" : "links"
                  } and queued a new "disclosure ready" e-mail. The consumer signs in on the request page with a new e-mail code to download.`}
            </Message>
          ) : null}
          {actions.resend ? (
            <Form method="post" action={`/ops/requests/${request.id}`}>
              <CsrfInput field={csrf} />
              <p>
                Ends every download link issued so far and e-mails the consumer again that the disclosure is ready. They download it on the request page after
                signing in with a new e-mail code; the files are never sent by e-mail.
              </p>
              <button type="submit" name="intent" value="resend" disabled={busy}>
                Resend download link
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
