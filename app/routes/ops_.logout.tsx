import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { assertCsrf } from "~/lib/csrf.server";
import { destroyStaffSession, NO_STORE, requireStaff } from "~/lib/staff-session.server";
import { readForm } from "~/lib/read-form.server";

// POST only: a link or an image on another site cannot sign staff out (nor in).
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, undefined, { allowPendingTotp: true });
  await assertCsrf(request, context, await readForm(request));
  const headers = new Headers(NO_STORE);
  headers.append("Set-Cookie", await destroyStaffSession(request, context, { actorId: staff.user.id }));
  return redirect("/ops/login", { headers });
}

// Signed out: to the sign-in page; signed in: back to the console (signing out takes the button).
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, undefined, { allowPendingTotp: true });
  return redirect("/ops", { headers: NO_STORE });
}
