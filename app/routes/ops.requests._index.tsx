import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/ops/csrf-input";
import { Field } from "~/components/ops/field";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { QueueTable } from "~/components/ops/queue-table";
import { CHANNEL_LABELS, STATE_LABELS, TYPE_LABELS, label } from "~/components/ops/request-labels";
import { SelectField } from "~/components/ops/select-field";
import { assertCsrf } from "~/lib/csrf.server";
import { loadOpsQueue, readQueueForm, type QueueFormState } from "~/lib/ops-queue.server";
import { queueHref } from "~/lib/queue-href";
import { readForm } from "~/lib/read-form.server";
import { requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";

export const meta: MetaFunction = () => [{ title: "Request queue: privacy operations" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "view:request:any");
  return loadOpsQueue(context.app, new URL(request.url).searchParams);
}

/**
 * The filter form is posted: its search text (a requester's e-mail, phone or name) stays out of
 * every URL (ADR 044). Without search text the answer is a redirect to the filters' address, so a
 * saved filter is still a link; with it, the results are this answer's data.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "view:request:any");
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const { params, q } = readQueueForm(form);
  if (!q) throw redirect(queueHref(params));
  return loadOpsQueue(context.app, params, { q });
}

const SORT_WORDS: Record<string, string> = {
  due: "by due date, soonest first",
  due_desc: "by due date, latest first",
  received_desc: "newest first",
  received: "oldest first",
};
const SEARCH_KIND_WORDS: Record<string, string> = { id: "request id", email: "e-mail address", phone: "phone number", name: "name" };

/** The same filters on another page (never the search text: a search pages by posting). */
function pageHref(filters: QueueFormState, page: number): string {
  const { q: _q, ...saved } = filters;
  return queueHref(new URLSearchParams({ ...saved, page: String(page) }));
}

/** Another page of search results: posted again, with the text in the body. */
function SearchPageButton({ filters, page, csrf, children }: { filters: QueueFormState; page: number; csrf: { name: string; value: string }; children: string }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput field={csrf} />
      {Object.entries(filters).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
      <input type="hidden" name="page" value={page} />
      <button type="submit" className="link-button">
        {children}
      </button>
    </Form>
  );
}

export default function RequestQueue() {
  const loaded = useLoaderData<typeof loader>();
  const searched = useActionData<typeof action>();
  const navigation = useNavigation();
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  // Search results while they are the latest answer; a link (another filter) shows the loader's again.
  const { items, total, page, pageCount, filters, badSearch, searchKind, options } = searched && navigation.state !== "loading" ? searched : loaded;
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
        <Form method="post" className="filters">
          <CsrfInput field={csrf} />
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
          {page <= 1 ? (
            <span />
          ) : filters.q ? (
            <SearchPageButton filters={filters} page={page - 1} csrf={csrf}>
              Previous page
            </SearchPageButton>
          ) : (
            <Link to={pageHref(filters, page - 1)}>Previous page</Link>
          )}
          <span>
            Page {page} of {pageCount}
          </span>
          {page >= pageCount ? (
            <span />
          ) : filters.q ? (
            <SearchPageButton filters={filters} page={page + 1} csrf={csrf}>
              Next page
            </SearchPageButton>
          ) : (
            <Link to={pageHref(filters, page + 1)}>Next page</Link>
          )}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
