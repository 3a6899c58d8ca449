import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/ops/csrf-input";
import { Field } from "~/components/ops/field";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { StaffTable } from "~/components/ops/staff-table";
import { ROLE_LABELS } from "~/components/ops/staff-labels";
import { assertCsrf } from "~/lib/csrf.server";
import { createStaffForAdmin, disableStaffForAdmin, listStaffForAdmin, revokeStaffForAdmin } from "~/lib/staff-admin.server";
import { requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";
import { readForm } from "~/lib/read-form.server";

export const meta: MetaFunction = () => [{ title: "Staff accounts: privacy operations" }, { name: "robots", content: "noindex" }];

const FIELD_ERRORS: Record<string, string> = {
  name: "Enter the person's name.",
  email: "Enter a valid e-mail address.",
  role: "Choose a role.",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, context, "manage:staff:any");
  return { staff: await listStaffForAdmin(context), selfId: admin.user.id };
}

const TargetSchema = z.object({ userId: z.string().regex(/^[0-9a-z]{26}$/) });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireStaff(request, context, "manage:staff:any");
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const intent = form.get("intent");
  if (intent === "create") {
    const outcome = await createStaffForAdmin(context, admin, {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? ""),
    });
    return data({ intent: "create" as const, ...outcome }, { status: outcome.ok ? 200 : 400 });
  }
  const target = TargetSchema.safeParse({ userId: form.get("userId") });
  if (!target.success || (intent !== "disable" && intent !== "revoke")) throw new Response("Bad request", { status: 400 });
  if (intent === "disable") {
    const done = await disableStaffForAdmin(context, admin, target.data.userId);
    return data({ intent: "disable" as const, ok: done, userId: target.data.userId, revoked: 0 }, { status: done ? 200 : 400 });
  }
  const revoked = await revokeStaffForAdmin(context, admin, target.data.userId);
  return { intent: "revoke" as const, ok: true, userId: target.data.userId, revoked };
}

export default function StaffAccounts() {
  const { staff, selfId } = useLoaderData<typeof loader>();
  // The console layout mints the one CSRF token its pages use.
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const created = result?.intent === "create" && result.ok ? result : null;
  const createErrors = result?.intent === "create" && !result.ok ? result : null;
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.name ?? "the account";
  return (
    <>
      <h1>Staff accounts</h1>
      {created ? (
        <div className="notice" role="status">
          <p>
            Account created for <strong>{created.email}</strong> ({ROLE_LABELS[created.role]}). Their temporary password, shown only this
            once:
          </p>
          <p>
            <code className="one-time-secret">{created.temporaryPassword}</code>
          </p>
          <p>Give it to them through a different channel from the e-mail address.</p>
          {created.mustEnrolTotp ? <p>They must set up an authenticator app the first time they sign in.</p> : null}
        </div>
      ) : null}
      {result && result.intent !== "create" ? (
        <div className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          <p>
            {!result.ok
              ? "That account could not be disabled. You cannot disable your own account."
              : result.intent === "disable"
                ? `${nameOf(result.userId)} is disabled and signed out everywhere.`
                : `${nameOf(result.userId)} is signed out everywhere (${result.revoked} ${result.revoked === 1 ? "session" : "sessions"} ended).`}
          </p>
        </div>
      ) : null}
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">Who has access</h2>
        <StaffTable staff={staff} selfId={selfId} csrf={csrf} busy={busy} />
      </section>
      <section className="panel" aria-labelledby="create-title">
        <h2 id="create-title">Add a staff member</h2>
        {createErrors?.taken ? (
          <div className="form-error" role="alert">
            <p>There is already an account with that e-mail address.</p>
          </div>
        ) : null}
        {/* A new key after each account created empties the form for the next one. */}
        <Form method="post" noValidate key={created?.email ?? "new"}>
          <CsrfInput field={csrf} />
          <Field label="Name" name="name" autoComplete="off" required maxLength={200} error={createErrors?.fields.includes("name") ? FIELD_ERRORS.name : null} />
          <Field
            label="E-mail address"
            name="email"
            type="email"
            autoComplete="off"
            required
            error={createErrors?.fields.includes("email") && !createErrors.taken ? FIELD_ERRORS.email : null}
          />
          <fieldset>
            <legend>Role</legend>
            <label className="choice">
              <input type="radio" name="role" value="reviewer" defaultChecked />
              <span>
                <strong>Reviewer</strong>: works the request queue; may enrol an authenticator app.
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="role" value="admin" />
              <span>
                <strong>Administrator</strong>: also manages staff and connectors; must use an authenticator app.
              </span>
            </label>
          </fieldset>
          <button type="submit" className="primary" name="intent" value="create" disabled={busy}>
            Create account
          </button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
