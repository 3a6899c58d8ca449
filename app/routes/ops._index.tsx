import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { PERMISSION_LABELS, ROLE_LABELS } from "~/components/ops/staff-labels";
import { requireStaff } from "~/lib/staff-session.server";

/** "2026-12-01 20:00 UTC": formatted on the server, so the browser's time zone cannot change it. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  return {
    user: { name: staff.user.name, email: staff.user.email, role: staff.user.role, hasTotp: staff.user.hasTotp },
    permissions: [...staff.permissions],
    sessionEndsAt: utc(staff.expiresAt),
  };
}

// The console's front page says who is signed in and what their role allows; the sections in the
// navigation hold the work itself.
export default function OpsOverview() {
  const { user, permissions, sessionEndsAt } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Signed in as {user.name}</h1>
      <div className="grid">
        <section className="panel" aria-labelledby="account-title">
          <h2 id="account-title">Your account</h2>
          <dl className="facts">
            <dt>E-mail</dt>
            <dd>{user.email}</dd>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[user.role]}</dd>
            <dt>Two-step sign-in</dt>
            <dd>{user.hasTotp ? "On (authenticator app)" : <a href="/ops/totp">Off: set it up</a>}</dd>
            <dt>Session</dt>
            <dd>Ends at {sessionEndsAt} at the latest, or after 30 minutes without activity.</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="permissions-title">
          <h2 id="permissions-title">What your role allows</h2>
          <ul className="permissions">
            {permissions.map((p) => (
              <li key={p}>
                {PERMISSION_LABELS[p] ?? p} <code>{p}</code>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
