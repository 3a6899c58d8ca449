import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/ops/csrf-input";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { assertCsrf } from "~/lib/csrf.server";
import { loadDrpAgentsPage, setDrpAgentStatusForAdmin } from "~/lib/ops-drp.server";
import { requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";
import { readForm } from "~/lib/read-form.server";

export const meta: MetaFunction = () => [{ title: "DRP agents: privacy operations" }, { name: "robots", content: "noindex" }];

// Admins only: switching an agent off stops every consumer it acts for from reaching us by API.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "manage:staff:any");
  return loadDrpAgentsPage(context);
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["enable", "disable"]), agentId: z.string().regex(/^[0-9a-z]{26}$/) }),
  z.object({ intent: z.literal("reload") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireStaff(request, context, "manage:staff:any");
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const parsed = ActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  if (parsed.data.intent === "reload") {
    await loadDrpAgentsPage(context, { reload: true });
    return { intent: "reload" as const, ok: true, agentId: null };
  }
  const ok = await setDrpAgentStatusForAdmin(context, admin, { agentId: parsed.data.agentId, enable: parsed.data.intent === "enable" });
  return data({ intent: parsed.data.intent, ok, agentId: parsed.data.agentId }, { status: ok ? 200 : 404 });
}

export default function DrpAgents() {
  const { overview, apiBase, businessId } = useLoaderData<typeof loader>();
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  if (!overview.enabled) {
    return (
      <>
        <h1>DRP agents</h1>
        <p className="panel">
          The Data Rights Protocol API is off: set <code>DRP_DIRECTORY</code> and <code>DRP_BUSINESS_ID</code> to accept requests from authorized
          agents (see <code>docs/drp.md</code>).
        </p>
      </>
    );
  }
  const nameOf = (id: string | null) => overview.agents.find((a) => a.id === id)?.name ?? "The agent";
  return (
    <>
      <h1>DRP agents</h1>
      <p>
        Authorized agents from the Data Rights Protocol directory, who may send access requests for consumers. We are listed as{" "}
        <code>{businessId}</code> with the API at <code>{apiBase}</code>. A disabled agent&apos;s calls are refused; requests it already sent go on.
      </p>
      {result ? (
        <div className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          <p>
            {!result.ok
              ? "That agent was not found."
              : result.intent === "reload"
                ? "The directory was read again."
                : `${nameOf(result.agentId)} is ${result.intent === "enable" ? "enabled" : "disabled"}.`}
          </p>
        </div>
      ) : null}
      {overview.directoryError ? (
        <div className="form-error" role="alert">
          <p>The agent directory could not be read, so no agent can call right now. Check DRP_DIRECTORY.</p>
        </div>
      ) : null}
      {overview.agents.length === 0 ? (
        <p className="panel">The directory lists no agents.</p>
      ) : (
        <table className="ops-table cards">
          <caption>Agents, their DRP id and status</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">DRP agent id</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {overview.agents.map((a) => (
              <tr key={a.id}>
                <th scope="row" data-label="Agent">
                  {a.name}
                </th>
                <td data-label="DRP agent id">
                  <code>{a.drpAgentId}</code>
                </td>
                <td data-label="Status" className={a.status === "active" && a.listed ? undefined : "status-disabled"}>
                  {a.status === "active" ? "Enabled" : "Disabled"}
                  {a.listed ? "" : ", no longer in the directory"}
                </td>
                <td data-label="Actions">
                  <Form method="post">
                    <CsrfInput field={csrf} />
                    <input type="hidden" name="agentId" value={a.id} />
                    {a.status === "active" ? (
                      <button type="submit" name="intent" value="disable" className="danger" disabled={busy} aria-label={`Disable ${a.name}`}>
                        Disable
                      </button>
                    ) : (
                      <button type="submit" name="intent" value="enable" disabled={busy} aria-label={`Enable ${a.name}`}>
                        Enable
                      </button>
                    )}
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form method="post">
        <CsrfInput field={csrf} />
        <button type="submit" name="intent" value="reload" disabled={busy}>
          Read the directory again
        </button>
      </Form>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
