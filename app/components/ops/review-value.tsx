import type { PageMark, PagePiece } from "~/lib/ops-request.server";

const MARK_LABELS: Record<PageMark["kind"], string> = {
  customer_name: "names another customer",
  customer_email: "e-mail address of another customer",
  email: "e-mail address of someone else",
  phone: "phone number that is not the requester's",
  search: "matches the search",
};

/** A value with its marks: mentions of someone else (1798.145(k)) and search matches, named for screen readers too. */
export function ReviewValue({ piece }: { piece: PagePiece }) {
  if (piece.neverDisclose !== null) return <span className="not-shown">Collected, not shown ({piece.neverDisclose})</span>;
  const text = piece.value ?? "";
  const parts: JSX.Element[] = [];
  let at = 0;
  piece.marks.forEach((mark, i) => {
    if (mark.start > at) parts.push(<span key={`t${i}`}>{text.slice(at, mark.start)}</span>);
    parts.push(
      <mark key={`m${i}`} className={`review-hit review-hit-${mark.kind}`} title={MARK_LABELS[mark.kind]}>
        {text.slice(mark.start, mark.end)}
        <span className="visually-hidden"> ({MARK_LABELS[mark.kind]})</span>
      </mark>,
    );
    at = mark.end;
  });
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>);
  return <span className="free-text">{parts}</span>;
}

export function WithheldMark({ piece }: { piece: PagePiece }) {
  if (!piece.withheldBy) return null;
  const scope = piece.withheldBy.scope === "match" ? "by match" : piece.withheldBy.scope === "field" ? "in every record" : "in this record";
  return <span className="review-mark">Withheld by review ({scope})</span>;
}
