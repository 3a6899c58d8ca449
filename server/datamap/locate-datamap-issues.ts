import { isMap, isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { DatamapIssue, IssuePath } from "./datamap-error";

/**
 * Adds the line and column of the map file to each issue that knows its place (issue 14.8): the
 * key itself for a key that is unknown or missing, otherwise the value. A place that is not in the
 * file (a key the map lacks) takes the position of the nearest enclosing one that is.
 */
export function locateDatamapIssues<T extends DatamapIssue>(text: string, issues: readonly T[]): T[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  return issues.map((issue) => {
    if (!issue.at || issue.line) return issue;
    const offset = offsetOf(document, issue.at, issue.key);
    if (offset === null) return issue;
    const { line, col } = lineCounter.linePos(offset);
    return { ...issue, line, column: col };
  });
}

function offsetOf(document: Document, path: IssuePath, key: string | undefined): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    return node.range[0];
  }
  return null;
}
