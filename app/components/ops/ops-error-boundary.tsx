import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

/**
 * Errors inside the staff console, shown in place of the page so the navigation stays. Thrown
 * 403s and 404s get their own words; anything else a generic message without details (no stack
 * traces or data in the page).
 */
export function OpsErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 403) {
    return (
      <section className="panel" aria-labelledby="ops-error-title">
        <h1 id="ops-error-title">You do not have access to this page</h1>
        <p>Your role does not include this part of the console. If you need it for your work, ask an administrator.</p>
        <p>
          <a href="/ops">Back to the overview</a>
        </p>
      </section>
    );
  }
  if (status === 404) {
    return (
      <section className="panel" aria-labelledby="ops-error-title">
        <h1 id="ops-error-title">Nothing here</h1>
        <p>There is no page at this address in the console. It may be mistyped, or this section has not been built yet.</p>
        <p>
          <a href="/ops">Back to the overview</a>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" role="alert" aria-labelledby="ops-error-title">
      <h1 id="ops-error-title">Something went wrong</h1>
      <p>The console could not load this page. Nothing was changed. Try again in a moment; if it keeps happening, tell the portal&apos;s operator (status {status}).</p>
    </section>
  );
}
