import { CATEGORY_CODES, NEVER_DISCLOSE_LABELS, NEVER_DISCLOSE_TYPES, type LocalizedText, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { Dataset, Field } from "../datamap/dataset-schema";
import type { Source } from "../datamap/datamap-schema";
import type { LoadedDatamap } from "../datamap/load-datamap";
import { labelsFor } from "../datamap/resolve-catalog";
import type { CategoryFacts, CollectionSummary, SourceRun } from "./collection-types.shared";
import type { DatasetTally } from "./compile-spool-serializer";
import type { CollectionPeriod } from "./compute-period";
import { resolveFieldPractices, type FieldPractices } from "./resolve-field-practices";

export interface TalliedDataset {
  source: Exclude<Source, { kind: "files" }>;
  dataset: Dataset;
  tally: DatasetTally;
}

/**
 * The category-level answer (1798.110(a)(1)-(4), 1798.115(a); R24) built from what was actually
 * found for this person, not copied from the privacy policy (R26): for each category A-L, whether
 * it was collected and, only from the fields of that category that held a piece (each with its
 * own practices, resolveFieldPractices), the categories of sources, the purposes, and the
 * recipients for a business purpose, of sales and of sharing, kept as separate lists. A category
 * not collected lists nothing.
 */
export function buildCollectionSummary(options: {
  datamap: LoadedDatamap;
  period: CollectionPeriod;
  runs: SourceRun[];
  tallies: readonly TalliedDataset[];
}): CollectionSummary {
  const { datamap, period, runs, tallies } = options;
  const { catalog } = datamap;
  const categories: CategoryFacts[] = CATEGORY_CODES.map((category) => {
    // The fields of this category that held a piece for this person, each with its own practices.
    const found = tallies.flatMap(({ source, dataset, tally }) =>
      [...tally.fields].flatMap((column) => {
        const field = (dataset.fields as Record<string, Field>)[column];
        return field?.categories?.includes(category) ? [{ ...resolveFieldPractices(source, dataset, field), label: field.label! }] : [];
      }),
    );
    const union = (pick: (p: FieldPractices) => readonly string[]) => found.flatMap(pick);
    const labelsOf = (key: "sold" | "shared") => uniqueLabels(found.filter((p) => p[key].length > 0).map((p) => p.label));
    const sold = labelsOf("sold");
    const shared = labelsOf("shared");
    return {
      category,
      collected: found.length > 0,
      sources: labelsFor(catalog.sourceCategories, union((p) => p.sourceCategories)),
      purposes: labelsFor(catalog.purposes, union((p) => p.purposes)),
      disclosedTo: labelsFor(catalog.recipients, union((p) => p.businessPurpose)),
      soldTo: labelsFor(catalog.recipients, union((p) => p.sold)),
      sharedWith: labelsFor(catalog.recipients, union((p) => p.shared)),
      ...(sold.length > 0 ? { soldInformation: sold } : {}),
      ...(shared.length > 0 ? { sharedInformation: shared } : {}),
    };
  });

  const withheldCounts = new Map<NeverDiscloseType, number>();
  for (const { tally } of tallies) for (const [type, n] of tally.withheld) withheldCounts.set(type, (withheldCounts.get(type) ?? 0) + n);

  const excludedDatasets: CollectionSummary["excludedDatasets"] = [];
  for (const source of datamap.map.sources) {
    for (const dataset of source.datasets) {
      if (dataset.excluded) excludedDatasets.push({ sourceId: source.id, datasetId: dataset.id, label: dataset.label, reason: dataset.excluded.reason });
    }
  }

  return {
    period,
    sources: runs,
    complete: runs.every((r) => r.status === "ok"),
    recordCount: tallies.reduce((n, t) => n + t.tally.records, 0),
    undatedRecords: tallies.reduce((n, t) => n + t.tally.undated, 0),
    earlierRecords: tallies.reduce((n, t) => n + t.tally.earlier, 0),
    categories,
    withheld: NEVER_DISCLOSE_TYPES.filter((type) => withheldCounts.has(type)).map((type) => ({
      type,
      label: NEVER_DISCLOSE_LABELS[type],
      count: withheldCounts.get(type)!,
    })),
    excludedDatasets,
  };
}

/** Field labels in the map's order, once each (a name in two datasets is one kind of information). */
function uniqueLabels(labels: readonly LocalizedText[]): LocalizedText[] {
  const seen = new Set<string>();
  return labels.filter((label) => !seen.has(label.en) && Boolean(seen.add(label.en)));
}
