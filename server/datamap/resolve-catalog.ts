import type { LocalizedText } from "../categories/ccpa-categories.shared";
import {
  BUILTIN_IDENTIFIERS,
  BUILTIN_PURPOSES,
  BUILTIN_RECIPIENTS,
  BUILTIN_SOURCE_CATEGORIES,
  type CatalogEntry,
  type IdentifierEntry,
} from "./datamap-catalog.shared";
import { issueAt, type DatamapIssue, type IssuePath } from "./datamap-error";
import type { Datamap } from "./datamap-schema";

/** Code -> entry, in catalog order (built-in first): documents list sources and recipients in this order. */
export interface ResolvedCatalog {
  identifiers: ReadonlyMap<string, IdentifierEntry>;
  sourceCategories: ReadonlyMap<string, CatalogEntry>;
  purposes: ReadonlyMap<string, CatalogEntry>;
  recipients: ReadonlyMap<string, CatalogEntry>;
}

type Section = "identifiers" | "sourceCategories" | "purposes" | "recipients";

const BUILTIN: Record<Section, readonly CatalogEntry[]> = {
  identifiers: BUILTIN_IDENTIFIERS,
  sourceCategories: BUILTIN_SOURCE_CATEGORIES,
  purposes: BUILTIN_PURPOSES,
  recipients: BUILTIN_RECIPIENTS,
};

/**
 * Merges the built-in catalog with the map's own codes. Redefining a built-in code is an error:
 * its label is what every other business's consumers read for that code, and a silent override
 * would let a typo in a label change a statutory description.
 */
export function resolveCatalog(map: Pick<Datamap, "catalog">): { catalog: ResolvedCatalog; issues: DatamapIssue[] } {
  const issues: DatamapIssue[] = [];
  const build = <E extends CatalogEntry>(section: Section): Map<string, E> => {
    const entries = new Map<string, E>(BUILTIN[section].map((e) => [e.code, e as E]));
    (map.catalog?.[section] ?? []).forEach((entry, i) => {
      if (entries.has(entry.code)) {
        const builtin = BUILTIN[section].some((e) => e.code === entry.code);
        issues.push(issueAt(["catalog", section, i, "code"], builtin ? `"${entry.code}" is a built-in code; use it without redefining it` : `duplicate code "${entry.code}"`));
        return;
      }
      entries.set(entry.code, entry as E);
    });
    return entries;
  };
  return {
    catalog: {
      identifiers: build<IdentifierEntry>("identifiers"),
      sourceCategories: build("sourceCategories"),
      purposes: build("purposes"),
      recipients: build("recipients"),
    },
    issues,
  };
}

/** Labels for codes, deduplicated and in catalog order. Unknown codes cannot occur after loading. */
export function labelsFor(entries: ReadonlyMap<string, CatalogEntry>, codes: Iterable<string>): LocalizedText[] {
  const wanted = new Set(codes);
  const out: LocalizedText[] = [];
  for (const [code, entry] of entries) if (wanted.has(code)) out.push(entry.label);
  return out;
}

interface CodeLists {
  sourceCategories?: readonly string[];
  purposes?: readonly string[];
  recipients?: { businessPurpose?: readonly string[]; sold?: readonly string[]; shared?: readonly string[] };
}

/** Unknown codes in a source's or dataset's lists; paths are relative to the source or dataset. */
export function checkCatalogCodes(owner: CodeLists, catalog: ResolvedCatalog): { path: IssuePath; message: string }[] {
  const lists: [IssuePath, readonly string[] | undefined, ReadonlyMap<string, unknown>, string][] = [
    [["sourceCategories"], owner.sourceCategories, catalog.sourceCategories, "source category"],
    [["purposes"], owner.purposes, catalog.purposes, "purpose"],
    [["recipients", "businessPurpose"], owner.recipients?.businessPurpose, catalog.recipients, "recipient category"],
    [["recipients", "sold"], owner.recipients?.sold, catalog.recipients, "recipient category"],
    [["recipients", "shared"], owner.recipients?.shared, catalog.recipients, "recipient category"],
  ];
  const issues: { path: IssuePath; message: string }[] = [];
  for (const [path, codes, known, what] of lists) {
    codes?.forEach((code, i) => {
      if (!known.has(code)) issues.push({ path: [...path, i], message: `unknown ${what} "${code}"` });
    });
  }
  return issues;
}
