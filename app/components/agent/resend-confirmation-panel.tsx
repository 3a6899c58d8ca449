import { Form, useNavigation } from "@remix-run/react";
import { CsrfField, type CsrfToken } from "~/components/consumer/csrf-field";

type ResendResult =
  | { status: "sent"; resendsLeft: number }
  | { status: "too_soon"; retryAt: string }
  | { status: "limit_reached" }
  | { status: "not_pending" }
  | { status: "mail_failed"; retryAt: string };

// Printed from the ISO string, not with the browser's clock or zone: server and client render the same text.
const atUtc = (iso: string): string => `${iso.slice(11, 16)} UTC`;

function resultText(result: ResendResult): string {
  switch (result.status) {
    case "sent":
      return "Sent. We e-mailed the consumer a new link; the earlier link no longer works.";
    case "too_soon":
      return `Not sent: it was sent again less than 10 minutes ago. You can send it again after ${atUtc(result.retryAt)}.`;
    case "limit_reached":
      return "Not sent: it has already been sent again 5 times, the most we allow for one request.";
    case "not_pending":
      return "Not sent: the consumer has already answered, or the request is closed.";
    case "mail_failed":
      return `Not sent: our mail server did not accept the mail. The earlier link still works. Please try again after ${atUtc(result.retryAt)}.`;
    default: {
      const never: never = result;
      return never;
    }
  }
}

/**
 * The agent's way to have the consumer's "did you authorize this agent?" mail sent again (11 CCR
 * 7063(a)(2)), shown while the consumer has not answered. The server decides every case; the
 * button stays enabled and the answer says why when nothing was sent.
 */
export function ResendConfirmationPanel({
  state,
  result,
  csrf,
}: {
  state: { resendsLeft: number; retryAt: string | null } | null;
  result: ResendResult | undefined;
  csrf: CsrfToken;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <section className="panel" aria-labelledby="resend-title">
      <h2 id="resend-title">The consumer&apos;s confirmation mail</h2>
      {result ? (
        <div className={result.status === "sent" ? "notice" : "form-error"} role={result.status === "sent" ? "status" : "alert"}>
          <p>{resultText(result)}</p>
        </div>
      ) : null}
      {state ? (
        <>
          <p>
            The consumer has not answered yet. If they cannot find our e-mail, or its link has expired, we can send it again with a new link; the earlier link then stops
            working. This is possible once every 10 minutes, and 5 times per request.
          </p>
          {state.resendsLeft > 0 ? (
            <Form method="post">
              <CsrfField token={csrf} />
              <button type="submit" className="primary" disabled={busy}>
                Send the confirmation mail again
              </button>
              <p className="field-hint block">
                {state.retryAt
                  ? `You can send it again after ${atUtc(state.retryAt)}.`
                  : `You can send it again ${state.resendsLeft} more ${state.resendsLeft === 1 ? "time" : "times"}.`}
              </p>
            </Form>
          ) : (
            <p>It has been sent again 5 times, the most we allow for one request.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
