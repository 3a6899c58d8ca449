import { Form, Link, useSearchParams } from "@remix-run/react";
import type { MatchOutcome, OpsRequestDisplay, PageRecord, ReviewPage, SearchOutcome, UndoOutcome } from "~/lib/ops-request.server";
import type { ApproveOutcome, WithholdOutcome } from "~/lib/ops-request.server";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { Field } from "./field";
import { REVIEW_REASON_LABELS, label } from "./request-labels";
import { MatchForm } from "./review-match-form";
import { RecordsTable } from "./review-records-table";
import { ReviewValue } from "./review-value";
import { ReviewWithholdings, type WithholdingRow } from "./review-withholdings";
import { SelectField } from "./select-field";

export interface ReviewData {
  page: ReviewPage;
  withholdings: (WithholdingRow & { staffId: string })[];
  reasonCodes: string[];
  canApprove: boolean;
}

type ReviewResult = WithholdOutcome | ApproveOutcome | MatchOutcome | UndoOutcome | SearchOutcome;

interface DisclosureReviewProps {
  request: OpsRequestDisplay;
  review: ReviewData;
  csrf: CsrfFieldData;
  result: ReviewResult | undefined;
  busy: boolean;
}

const CHANGED = "Someone else changed this request while you had it open, so your decision was not saved. The page now shows its current state: check it and decide again.";
const SAVED: Partial<Record<ReviewResult["intent"], string>> = {
  withhold: "Withholding saved. The disclosure will leave those values out and tell the consumer why.",
  withhold_match: "Withholding by match saved. The disclosure will leave those values out and tell the consumer why.",
  undo: "Withholding undone: those values will be disclosed again.",
  approve: "Disclosure approved. It is being rendered and the consumer will be told it is ready.",
};

function Pager({ name, page, pages, what }: { name: string; page: number; pages: number; what: string }) {
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    next.set(name, String(p + 1));
    next.delete("record");
    return `?${next.toString()}`;
  };
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      {page > 0 ? <Link to={to(page - 1)} preventScrollReset>Previous page</Link> : <span />}
      <span>
        Page {page + 1} of {pages}
      </span>
      {page < pages - 1 ? <Link to={to(page + 1)} preventScrollReset>Next page</Link> : <span />}
    </nav>
  );
}

function Mentions({ page, ...props }: { page: Extract<ReviewPage, { available: true }> } & Omit<DisclosureReviewProps, "review" | "result"> & { version: number }) {
  const { mentions } = page;
  return (
    <section className="review-mentions" aria-labelledby="mentions-title">
      <h3 id="mentions-title">
        {mentions.records === 0 ? "No record mentions someone else" : `${mentions.records} ${mentions.records === 1 ? "record mentions" : "records mention"} someone else`}
      </h3>
      <p>
        Names and e-mail addresses of other customers (checked against the customer list), and e-mail addresses and phone numbers that are not the requester&rsquo;s, are
        highlighted. Information about another person is not part of this disclosure (Cal. Civ. Code 1798.145(k)): withhold it unless it is the requester&rsquo;s own.
      </p>
      {mentions.shown.length > 0 ? (
        <ul className="mention-list">
          {mentions.shown.map((m) => (
            <MentionItem key={`${m.dataset}:${m.ordinal}:${m.pieces[0]?.fieldId}`} record={m} {...props} />
          ))}
        </ul>
      ) : null}
      <Pager name="mentions" page={mentions.page} pages={mentions.pages} what="mentions" />
    </section>
  );
}

function MentionItem({ record, csrf, busy, version }: { record: PageRecord; request: OpsRequestDisplay; csrf: CsrfFieldData; busy: boolean; version: number }) {
  const piece = record.pieces[0];
  if (!piece) return null;
  return (
    <li className={piece.withheldBy ? "withheld-by-review" : undefined}>
      <p className="mention-where">
        {record.datasetLabel}, record {record.ordinal}, {piece.label}
      </p>
      <p>
        <MarkedValue record={record} />
      </p>
      {piece.withheldBy ? (
        <span className="review-mark">Withheld by review</span>
      ) : (
        <Form method="post" preventScrollReset>
          <CsrfInput field={csrf} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="fieldId" value={piece.fieldId} />
          <input type="hidden" name="recordKey" value={record.recordKey} />
          <input type="hidden" name="reasonCode" value="third_party_pi" />
          <input type="hidden" name="reasonText" value="Mentions another person (found by the review desk)" />
          <button type="submit" name="intent" value="withhold" className="danger" disabled={busy}>
            Withhold<span className="visually-hidden">
              {" "}
              {piece.label} of record {record.ordinal} of {record.datasetLabel}
            </span>
          </button>
        </Form>
      )}
    </li>
  );
}

function MarkedValue({ record }: { record: PageRecord }) {
  return <ReviewValue piece={record.pieces[0]!} />;
}

/**
 * Disclosure review (R42, issue 17): every record of every dataset, page by page; a free-text
 * search across the disclosure; the mentions of other people found for the reviewer (1798.145(k));
 * withholding a record, a field or every value containing a text, each with a basis (R35), undone
 * until approval; approve-and-release. Never-disclose values are not in the page at all (7024(d)).
 */
export function DisclosureReview({ request, review, csrf, result, busy }: DisclosureReviewProps) {
  const { page } = review;
  const version = request.version;
  const common = { requestId: request.id, version, reasonCodes: review.reasonCodes, csrf, busy };
  const search = result?.intent === "search" ? result : undefined;
  const notice = result && result.intent !== "search" && result.intent !== "preview_match" ? result : undefined;
  const fieldLabels = new Map(page.available ? page.datasets.flatMap((d) => d.fields.map((f) => [f.fieldId, `${f.label} (${d.label})`] as const)) : []);
  return (
    <section className="panel disclosure-review" aria-labelledby="review-title">
      <h2 id="review-title">Disclosure review</h2>
      {notice && (notice.ok || notice.intent !== "withhold_match" || notice.error !== "fields") ? (
        <div className={notice.ok ? "notice" : "form-error"} role={notice.ok ? "status" : "alert"}>
          <p>
            {notice.ok
              ? SAVED[notice.intent]
              : notice.error === "conflict"
                ? CHANGED
                : notice.error === "fields"
                  ? 'Nothing was withheld: choose the basis, and with "Other" write the reason the consumer will read.'
                  : "This request is no longer in review, so the disclosure can no longer be changed here."}
          </p>
        </div>
      ) : null}
      {!page.available ? (
        <p>The collected data for this request is no longer available to preview. Send the request back to collection to review it.</p>
      ) : (
        <>
          <p>
            {page.recordCount} {page.recordCount === 1 ? "record holds" : "records hold"} personal information for this disclosure, in {page.datasets.length}{" "}
            {page.datasets.length === 1 ? "dataset" : "datasets"}. Check the values: information about other people must be withheld with a basis. Types the law never
            allows us to show appear only as &ldquo;collected, not shown&rdquo;.
          </p>
          {!page.complete ? (
            <div className="form-error" role="alert">
              <p>Not every system could be searched: this disclosure is incomplete and must not be released as complete.</p>
            </div>
          ) : null}
          <Mentions page={page} request={request} csrf={csrf} busy={busy} version={version} />
          <h3>Withholdings</h3>
          <ReviewWithholdings rows={review.withholdings} fieldLabels={fieldLabels} requestId={request.id} version={version} csrf={csrf} busy={busy} />
          <h3 id="records-title">Records</h3>
          <Browse page={page} search={search} csrf={csrf} />
          {search?.ok && search.page.available ? (
            <SearchResults search={search} {...common} />
          ) : page.view.kind === "dataset" ? (
            <>
              <RecordsTable
                caption={`${page.view.dataset.label} (${page.view.dataset.source}): records ${page.view.page * page.pageSize + 1} to ${page.view.page * page.pageSize + page.view.records.length} of ${page.view.dataset.records}`}
                records={page.view.records}
                fields={page.view.dataset.fields.filter((f) => !page.filter.category || f.categories.includes(page.filter.category))}
                {...common}
              />
              <Pager name="page" page={page.view.page} pages={page.view.pages} what={page.view.dataset.label} />
              <WithholdFieldEverywhere dataset={page.view.dataset} {...common} />
            </>
          ) : (
            <p>No records in this category.</p>
          )}
          <MatchForm {...common} result={result?.intent === "preview_match" || result?.intent === "withhold_match" ? result : undefined} />
          <h3>Approve and release</h3>
          {review.canApprove ? (
            <Form method="post" action={`/ops/requests/${request.id}`}>
              <CsrfInput field={csrf} />
              <input type="hidden" name="version" value={version} />
              <p>The disclosure is rendered without the withheld values and made available to the consumer. Review time counts against the deadline.</p>
              <button type="submit" name="intent" value="approve" disabled={busy || !page.complete}>
                Approve and release
              </button>
            </Form>
          ) : (
            <p>Your role may not release disclosures. Ask a colleague who can.</p>
          )}
        </>
      )}
    </section>
  );
}

function Browse({ page, search, csrf }: { page: Extract<ReviewPage, { available: true }>; search: SearchOutcome | undefined; csrf: CsrfFieldData }) {
  return (
    <div className="review-browse">
      <Form method="get" preventScrollReset className="review-filter">
        <SelectField
          label="Category"
          name="category"
          defaultValue={page.filter.category ?? ""}
          options={[{ value: "", label: "Every category" }, ...page.categories.map((c) => ({ value: c.code, label: `${c.code}. ${c.label} (${c.records})` }))]}
        />
        <SelectField label="Dataset" name="dataset" defaultValue={page.filter.dataset ?? ""} options={page.datasets.map((d) => ({ value: d.key, label: `${d.label} (${d.records})` }))} />
        <Field label="Go to record" name="record" type="number" min={1} inputMode="numeric" hint="Its number within the dataset." />
        <button type="submit">Show</button>
      </Form>
      <Form method="post" preventScrollReset className="review-search">
        <CsrfInput field={csrf} />
        <input type="hidden" name="intent" value="search" />
        <Field label="Search every value" name="q" defaultValue={search?.q ?? ""} maxLength={200} error={search && !search.ok ? "Write at least 2 characters." : null} />
        <button type="submit">Search</button>
      </Form>
    </div>
  );
}

function SearchResults({ search, ...common }: { search: Extract<SearchOutcome, { ok: true }> } & { requestId: string; version: number; reasonCodes: string[]; csrf: CsrfFieldData; busy: boolean }) {
  const view = search.page.available ? search.page.view : null;
  if (!view || view.kind !== "search") return null;
  return (
    <div className="review-search-results" role="status">
      <p>
        {view.records} {view.records === 1 ? "record has" : "records have"} {view.values} {view.values === 1 ? "value" : "values"} containing &ldquo;{search.q}&rdquo;.
      </p>
      {view.hits.length > 0 ? <RecordsTable caption={`Search results, page ${view.page + 1} of ${view.pages}`} records={view.hits} fields={null} {...common} /> : null}
      {view.pages > 1 ? (
        <Form method="post" preventScrollReset className="pager">
          <CsrfInput field={common.csrf} />
          <input type="hidden" name="intent" value="search" />
          <input type="hidden" name="q" value={search.q} />
          {view.page > 0 ? (
            <button type="submit" name="page" value={view.page}>
              Previous results
            </button>
          ) : (
            <span />
          )}
          <span>
            Page {view.page + 1} of {view.pages}
          </span>
          {view.page < view.pages - 1 ? (
            <button type="submit" name="page" value={view.page + 2}>
              Next results
            </button>
          ) : (
            <span />
          )}
        </Form>
      ) : null}
    </div>
  );
}

function WithholdFieldEverywhere({ dataset, version, reasonCodes, csrf, busy }: { dataset: Extract<ReviewPage, { available: true }>["datasets"][number]; requestId: string; version: number; reasonCodes: string[]; csrf: CsrfFieldData; busy: boolean }) {
  const fields = dataset.fields.filter((f) => !f.neverDisclose);
  if (fields.length === 0) return null;
  return (
    <details className="withhold">
      <summary>Withhold a field in every record of {dataset.label}</summary>
      <Form method="post" noValidate preventScrollReset>
        <CsrfInput field={csrf} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="recordKey" value="" />
        <SelectField label="Field" name="fieldId" options={fields.map((f) => ({ value: f.fieldId, label: f.label }))} />
        <SelectField label="Basis" name="reasonCode" defaultValue="third_party_pi" options={reasonCodes.map((c) => ({ value: c, label: label(REVIEW_REASON_LABELS, c) }))} />
        <Field label="Reason" name="reasonText" maxLength={2000} hint='For "Other" the consumer reads it.' />
        <button type="submit" name="intent" value="withhold" className="danger" disabled={busy}>
          Withhold in all {dataset.records} records
        </button>
      </Form>
    </details>
  );
}
