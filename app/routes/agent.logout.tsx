import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroyAgentSession, NO_STORE } from "~/lib/agent-session.server";
import { assertCsrf } from "~/lib/csrf.server";

// POST only (a GET could be triggered by any image tag); CSRF-checked like every form.
export async function action({ request, context }: ActionFunctionArgs) {
  await assertCsrf(request, context, await request.formData());
  const cookie = await destroyAgentSession(request, context);
  return redirect("/agent", { headers: { ...NO_STORE, "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/agent", { headers: NO_STORE });
}
