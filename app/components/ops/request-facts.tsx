import type { OpsRequestDisplay } from "~/lib/ops-request.server";
import { DueMark } from "./due-mark";
import {
  AUTHORIZATION_LABELS,
  CHANNEL_LABELS,
  DATA_POINT_LABELS,
  DENIAL_LABELS,
  LANGUAGE_LABELS,
  PERIOD_LABELS,
  TYPE_LABELS,
  VERIFICATION_LABELS,
  label,
} from "./request-labels";

function residentText(value: boolean | null): string {
  if (value === null) return "Not asked";
  return value ? "Yes, said they live in California" : "No, said they do not live in California";
}

/** The legal clock of the request (R7-R9): every date a reviewer must keep to. */
export function DeadlineFacts({ request }: { request: OpsRequestDisplay }) {
  return (
    <section className="panel" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">Deadlines</h2>
      <dl className="facts">
        <dt>Received</dt>
        <dd>
          {request.receivedAt} (receipt date {request.receiptDate})
        </dd>
        <dt>Confirm receipt by</dt>
        <dd>{request.confirmBy}</dd>
        <dt>Due</dt>
        <dd>
          {request.extendedDueDate ? (
            <>
              <s className="nowrap">{request.dueDate}</s> extended to <strong className="nowrap">{request.extendedDueDate}</strong>
            </>
          ) : (
            <strong>{request.dueDate}</strong>
          )}
        </dd>
        {request.extensionReason ? (
          <>
            <dt>Extension reason</dt>
            <dd className="free-text">{request.extensionReason}</dd>
          </>
        ) : null}
        <dt>Clock</dt>
        <dd>
          <DueMark due={request.due} />
        </dd>
        {request.completedAt ? (
          <>
            <dt>Answered</dt>
            <dd>{request.completedAt}</dd>
          </>
        ) : null}
        {request.denialReason ? (
          <>
            <dt>Denial basis</dt>
            <dd>{label(DENIAL_LABELS, request.denialReason)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** Who asked and how to reach them: personal data, shown only on this audited page. */
export function RequesterFacts({ request }: { request: OpsRequestDisplay }) {
  const { subject } = request;
  return (
    <section className="panel" aria-labelledby="requester-title">
      <h2 id="requester-title">Request and requester</h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{label(TYPE_LABELS, request.type)}</dd>
        <dt>Channel</dt>
        <dd>{label(CHANNEL_LABELS, request.channel)}</dd>
        <dt>Period asked for</dt>
        <dd>
          {label(PERIOD_LABELS, request.period)} ({request.periodStart} to {request.periodEnd})
        </dd>
        <dt>Language</dt>
        <dd>{label(LANGUAGE_LABELS, request.language)}</dd>
        <dt>California resident</dt>
        <dd>{residentText(request.californiaResident)}</dd>
        <dt>Name</dt>
        <dd>{subject.name}</dd>
        <dt>E-mail</dt>
        <dd className="email">{subject.email}</dd>
        <dt>Phone</dt>
        <dd>{subject.phone ?? "Not given"}</dd>
        {subject.address ? (
          <>
            <dt>Address</dt>
            <dd>{Object.values(subject.address).filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** What the verification rested on: data-point names and level, never the values (R11, R12). */
export function VerificationFacts({ request }: { request: OpsRequestDisplay }) {
  return (
    <section className="panel" aria-labelledby="verification-title">
      <h2 id="verification-title">Verification</h2>
      <p>
        Level reached: <strong>{label(VERIFICATION_LABELS, request.verificationLevel)}</strong>
      </p>
      {request.evidence.length === 0 ? (
        <p>No verification evidence recorded yet.</p>
      ) : (
        <ul className="evidence">
          {request.evidence.map((e) => (
            <li key={e.id}>
              {e.recordedAt}: {label(VERIFICATION_LABELS, e.level)}. Matched:{" "}
              {e.matchedPoints.length ? e.matchedPoints.map((p) => label(DATA_POINT_LABELS, p)).join(", ") : "none"}.
              {e.declarationName ? ` Declaration signed as "${e.declarationName}" at ${e.declarationAt}.` : " No declaration."}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The authorized agent and whether their proof of authority is on file (7063; metadata only). */
export function AgentFacts({ request }: { request: OpsRequestDisplay }) {
  if (!request.agent && request.authorizations.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="agent-title">
      <h2 id="agent-title">Authorized agent</h2>
      {request.agent ? (
        <p>
          {request.agent.name} ({request.agent.kind === "business" ? "business" : "person"}, account {request.agent.status})
          {request.agent.kind === "business"
            ? request.agent.sosNumber
              ? `. California Secretary of State number ${request.agent.sosNumber}: to be checked.`
              : ". No California Secretary of State number given."
            : null}
        </p>
      ) : null}
      {request.authorizations.length === 0 ? (
        <p>No authorization document is on file.</p>
      ) : (
        <ul className="evidence">
          {request.authorizations.map((a) => (
            <li key={a.id}>
              {label(AUTHORIZATION_LABELS, a.kind)} on file ({a.mimeType}, {Math.max(1, Math.round(a.sizeBytes / 1024))} KB), uploaded {a.uploadedAt}.{" "}
              {a.kind === "power_of_attorney"
                ? "No consumer confirmation is asked with a power of attorney (11 CCR 7063(b)): check the document's validity and scope."
                : a.confirmedAt
                  ? `Consumer confirmed it at ${a.confirmedAt}.`
                  : a.refusedAt
                    ? `Consumer refused it at ${a.refusedAt}.`
                    : "Consumer has not confirmed it yet."}{" "}
              <a href={`/ops/requests/${request.id}/authorization/${a.id}`} download>
                Download the document
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
