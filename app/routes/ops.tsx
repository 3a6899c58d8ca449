import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { ROLE_LABELS } from "~/components/ops/staff-labels";
import { CsrfInput } from "~/components/ops/csrf-input";
import { CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { NO_STORE, requireStaff, type Permission } from "~/lib/staff-session.server";
import opsStyles from "~/styles/ops.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: opsStyles }];
export const meta: MetaFunction = () => [{ title: "Privacy operations" }, { name: "robots", content: "noindex" }];
// Children without their own headers() inherit this: no staff page is cached anywhere.
export const headers = () => NO_STORE;

/** The console's sections; each appears only to roles that may open it. */
const SECTIONS: { to: string; label: string; permission: Permission }[] = [
  { to: "/ops/requests", label: "Queue", permission: "view:request:any" },
  { to: "/ops/audit", label: "Audit", permission: "view:audit:any" },
  { to: "/ops/metrics", label: "Metrics", permission: "export:metrics:any" },
  { to: "/ops/connectors", label: "Connectors", permission: "view:connector:any" },
  { to: "/ops/staff", label: "Staff", permission: "manage:staff:any" },
  { to: "/ops/drp-agents", label: "DRP agents", permission: "manage:staff:any" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  // The one place the console asks for a CSRF token, so parallel loaders never mint two nonces.
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data(
    {
      staff: { name: staff.user.name, role: staff.user.role },
      sections: SECTIONS.filter((s) => staff.permissions.includes(s.permission)).map(({ to, label }) => ({ to, label })),
      csrf: { name: CSRF_FIELD, value: token },
    },
    { headers },
  );
}

// Nothing is posted to /ops itself; a signed-out POST still goes to sign-in like everywhere here.
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context);
  throw new Response("Method not allowed", { status: 405, headers: { ...NO_STORE, Allow: "GET, HEAD" } });
}

export default function OpsLayout() {
  const { staff, sections, csrf } = useLoaderData<typeof loader>();
  return (
    <div className="ops" lang="en">
      <div className="ops-bar">
        <nav aria-label="Privacy operations">
          <NavLink to="/ops" end className="ops-home">
            Privacy operations
          </NavLink>
          <ul className="ops-nav">
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to}>{s.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ops-account">
          <span>
            {staff.name}
            <span className="ops-role">{ROLE_LABELS[staff.role]}</span>
          </span>
          <Form method="post" action="/ops/logout" reloadDocument>
            <CsrfInput field={csrf} />
            <button type="submit">Sign out</button>
          </Form>
        </div>
      </div>
      <div className="ops-content">
        <Outlet />
      </div>
    </div>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
