import { resolveFieldPractices } from "../collection/resolve-field-practices";
import type { Field } from "./dataset-schema";
import { issueAt, type DatamapIssue } from "./datamap-error";
import type { Datamap } from "./datamap-schema";

/** Purposes outside the uses of sensitive personal information 11 CCR 7027(m) allows without a right to limit. */
const ADVERTISING_PURPOSES = new Set(["advertising_marketing", "cross_context_advertising"]);

/**
 * Warnings (not errors: the map is valid, and the business may mean it) for sensitive fields
 * (category L) that resolve to an advertising or marketing purpose, or to a recipient they are
 * sold or shared to. Such uses fall outside 11 CCR 7027(m) and give consumers the right to limit
 * (1798.121), and every disclosure would say so in the L row; `rtk datamap check` shows them so
 * the business sees this before a consumer does. Paths point at the field.
 */
export function warnSensitiveUses(map: Datamap): DatamapIssue[] {
  const warnings: DatamapIssue[] = [];
  map.sources.forEach((source, si) => {
    // A file store has no datasets of its own: its files are pieces of other sources' fields.
    if (!source || source.kind === "files") return;
    source.datasets.forEach((dataset, di) => {
      for (const [name, field] of Object.entries(dataset.fields as Record<string, Field>)) {
        if (field.internal || !field.categories?.includes("L")) continue;
        const practices = resolveFieldPractices(source, dataset, field);
        const at = ["sources", si, "datasets", di, "fields", name];
        const advertising = practices.purposes.filter((p) => ADVERTISING_PURPOSES.has(p));
        if (advertising.length > 0) {
          warnings.push(issueAt([...at, "purposes"], `sensitive (L) field used for ${advertising.join(", ")}: outside 11 CCR 7027(m), consumers get the right to limit (1798.121); give the field its own purposes if this is not meant`));
        }
        for (const key of ["sold", "shared"] as const) {
          if (practices[key].length > 0) {
            warnings.push(issueAt([...at, "recipients", key], `sensitive (L) field ${key} to ${practices[key].join(", ")}: outside 11 CCR 7027(m), consumers get the right to limit (1798.121); give the field its own recipients.${key} if this is not meant`));
          }
        }
      }
    });
  });
  return warnings;
}
