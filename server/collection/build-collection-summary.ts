import { CATEGORY_CODES, NEVER_DISCLOSE_LABELS, NEVER_DISCLOSE_TYPES, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { Dataset } from "../datamap/dataset-schema";
import type { Source } from "../datamap/datamap-schema";
import type { LoadedDatamap } from "../datamap/load-datamap";
import { labelsFor } from "../datamap/resolve-catalog";
import type { CategoryFacts, CollectionSummary, SourceRun } from "./collection-types.shared";
import type { DatasetTally } from "./compile-spool-serializer";
import type { CollectionPeriod } from "./compute-period";

export interface TalliedDataset {
  source: Exclude<Source, { kind: "files" }>;
  dataset: Dataset;
  tally: DatasetTally;
}

/**
 * The category-level answer (1798.110(a)(1)-(4), 1798.115(a); R24) built from what was actually
 * found for this person, not copied from the privacy policy (R26): for each category A-L, whether
 * it was collected and, only from the datasets where it was, the categories of sources, the
 * purposes, and the recipients for a business purpose, of sales and of sharing, kept as separate
 * lists. A category not collected lists nothing.
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
    const found = tallies.filter((t) => t.tally.categories.has(category));
    const union = (pick: (t: TalliedDataset) => readonly string[] | undefined) => found.flatMap((t) => pick(t) ?? []);
    return {
      category,
      collected: found.length > 0,
      sources: labelsFor(catalog.sourceCategories, union((t) => t.dataset.sourceCategories ?? t.source.sourceCategories)),
      purposes: labelsFor(catalog.purposes, union((t) => t.dataset.purposes ?? t.source.purposes)),
      disclosedTo: labelsFor(catalog.recipients, union((t) => t.dataset.recipients?.businessPurpose ?? t.source.recipients.businessPurpose)),
      soldTo: labelsFor(catalog.recipients, union((t) => t.dataset.recipients?.sold ?? t.source.recipients.sold)),
      sharedWith: labelsFor(catalog.recipients, union((t) => t.dataset.recipients?.shared ?? t.source.recipients.shared)),
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
    categories,
    withheld: NEVER_DISCLOSE_TYPES.filter((type) => withheldCounts.has(type)).map((type) => ({
      type,
      label: NEVER_DISCLOSE_LABELS[type],
      count: withheldCounts.get(type)!,
    })),
    excludedDatasets,
  };
}
