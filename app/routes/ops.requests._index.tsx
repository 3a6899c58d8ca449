import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ops/field";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { QueueTable } from "~/components/ops/queue-table";
import { CHANNEL_LABELS, STATE_LABELS, TYPE_LABELS, label } from "~/components/ops/request-labels";
import { SelectField } from "~/components/ops/select-field";
import { loadOpsQueue, type QueueFormState } from "~/lib/ops-queue.server";
import { requireStaff } from "~/lib/staff-session.server";

export const meta: MetaFunction = () => [{ title: "Request queue: privacy operations" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "view:request:any");
  return loadOpsQueue(context.app, new URL(request.url));
}

const SORT_WORDS: Record<string, string> = {
  due: "by due date, soonest first",
  due_desc: "by due date, latest first",
  received_desc: "newest first",
  received: "oldest first",
};
const SEARCH_KIND_WORDS: Record<string, string> = { id: "request id", email: "e-mail address", phone: "phone number", name: "name" };

/** The same filters on another page; empty values are left out to keep the address short. */
function pageHref(filters: QueueFormState, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && !(key === "state" && value === "open") && !(key === "sort" && value === "due")) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/ops/requests?${search}` : "/ops/requests";
}

export default function RequestQueue() {
  const { items, total, page, pageCount, filters, badSearch, searchKind, options } = useLoaderData<typeof loader>();
  const any = { value: "", label: "Any" };
  const found = searchKind ? ` matching the ${SEARCH_KIND_WORDS[searchKind]}` : "";
  const caption = `${label(STATE_LABELS, filters.state)} requests${found}, ${SORT_WORDS[filters.sort] ?? SORT_WORDS.due}: ${total} ${total === 1 ? "request" : "requests"}${pageCount > 1 ? `, page ${page} of ${pageCount}` : ""}`;
  return (
    <>
      <div className="page-head">
        <h1>Request queue</h1>
        <Link to="/ops/requests/new" className="button">
          Record a request
        </Link>
      </div>
      <section className="panel" aria-labelledby="filters-title">
        <h2 id="filters-title">Find requests</h2>
        <Form method="get" className="filters">
          <Field
            label="Search"
            name="q"
            type="search"
            defaultValue={filters.q}
            autoComplete="off"
            spellCheck={false}
            hint="A whole request id, the requester's whole e-mail address or phone number, or part of their name. An id ignores the other filters."
            error={badSearch ? "Enter a whole request id (26 letters and digits), a complete e-mail address or phone number, or at least 2 letters of a name." : null}
          />
          <SelectField label="State" name="state" defaultValue={filters.state} options={options.states.map((s) => ({ value: s, label: label(STATE_LABELS, s) }))} />
          <SelectField label="Type" name="type" defaultValue={filters.type} options={[any, ...options.types.map((t) => ({ value: t, label: label(TYPE_LABELS, t) }))]} />
          <SelectField
            label="Channel"
            name="channel"
            defaultValue={filters.channel}
            options={[any, ...options.channels.map((c) => ({ value: c, label: label(CHANNEL_LABELS, c) }))]}
          />
          <SelectField
            label="Due"
            name="due"
            defaultValue={filters.due}
            options={[any, { value: "overdue", label: "Overdue" }, { value: "7", label: "Within 7 days" }, { value: "14", label: "Within 14 days" }, { value: "30", label: "Within 30 days" }]}
          />
          <SelectField
            label="Sort"
            name="sort"
            defaultValue={filters.sort}
            options={Object.entries(SORT_WORDS).map(([value, words]) => ({ value, label: words.charAt(0).toUpperCase() + words.slice(1) }))}
          />
          <SelectField
            label="Authorized agent"
            name="agent"
            defaultValue={filters.agent}
            options={[any, { value: "yes", label: "Made by an agent" }, { value: "no", label: "Made by the consumer" }]}
          />
          <div className="form-actions">
            <button type="submit" className="primary">
              Show requests
            </button>
            <Link to="/ops/requests">Clear filters</Link>
          </div>
        </Form>
      </section>
      {items.length === 0 ? (
        <p className="panel" role="status">
          {badSearch ? "Nothing was searched: see the search field." : "No requests match these filters."}
        </p>
      ) : (
        <QueueTable items={items} caption={caption} />
      )}
      {pageCount > 1 ? (
        <nav aria-label="Queue pages" className="pager">
          {page > 1 ? <Link to={pageHref(filters, page - 1)}>Previous page</Link> : <span />}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link to={pageHref(filters, page + 1)}>Next page</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
