import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroyAgentSession, NO_STORE } from "~/lib/agent-session.server";
import { assertCsrf } from "~/lib/csrf.server";
import { readForm } from "~/lib/read-form.server";

// POST only (a GET could be triggered by any image tag); CSRF-checked like every form.
export async function action({ request, context }: ActionFunctionArgs) {
  await assertCsrf(request, context, await readForm(request));
  const cookie = await destroyAgentSession(request, context);
  return redirect("/agent", { headers: { ...NO_STORE, "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/agent", { headers: NO_STORE });
}
