import type { SourceConnector, TimeWindow } from "../connectors/connector-types";
import { inWindow } from "../connectors/match-row";
import { normalizeIdentifier } from "../connectors/normalize-identifier";
import type { Dataset } from "../datamap/dataset-schema";
import type { LoadedDatamap } from "../datamap/load-datamap";
import type { SourceRunTracker } from "./track-source-runs";

export type IdentifierSets = Map<string, Set<string>>;

export interface IdentityGraph {
  known: IdentifierSets;
  /** Hops taken (0 when the seeds led nowhere new). */
  depth: number;
  /** True when the depth limit stopped the walk with identifiers still unexplored. */
  truncated: boolean;
}

interface Pending {
  owners: [identifier: string, value: string][];
  found: [identifier: string, value: string][];
}

/**
 * Phase 1 of a collection: from the verified identifiers, a breadth-first walk over the datasets
 * that reveal identifiers (`yields`), reading only link columns and ignoring the period (a cookie
 * linked to the person three years ago still marks this year's visits as theirs). Each hop looks
 * up only the values found in the previous hop (record identifiers only from rows in the period), so no (dataset, value) is queried twice and cycles
 * end; `maxDepth` bounds the walk.
 *
 * Owner guards: a row that belongs to someone else (its user_id is another person's) yields
 * nothing (1798.145(k)). Whether a user_id is "the person's" may only become known later in the
 * walk, so such rows wait in `pending` and are accepted once their owner values are known;
 * the result does not depend on the order of datasets in the map.
 *
 * The walk never asks an outside identity-resolution service: only links the business itself
 * keeps are followed (11 CCR 7060(g), 1798.145(j): no duty to re-identify).
 */
export async function resolveIdentityGraph(options: {
  datamap: LoadedDatamap;
  connectors: ReadonlyMap<string, SourceConnector>;
  seeds: IdentifierSets;
  maxDepth: number;
  tracker: SourceRunTracker;
  /** The period: record identifiers pass along only from rows inside it (ADR 025). null = no period. */
  window?: TimeWindow | null;
}): Promise<IdentityGraph> {
  const { datamap, connectors, seeds, maxDepth, tracker } = options;
  const window = options.window ?? null;
  const dated = (identifier: string) => window !== null && datamap.catalog.identifiers.get(identifier)?.scope === "record";
  const known: IdentifierSets = new Map([...seeds].map(([k, v]) => [k, new Set(v)]));
  let frontier: IdentifierSets = new Map([...seeds].map(([k, v]) => [k, new Set(v)]));
  const pending: Pending[] = [];
  const linkers: { sourceId: string; dataset: Dataset }[] = [];
  for (const source of datamap.map.sources) {
    for (const dataset of source.datasets) if (!dataset.excluded && (dataset.yields ?? []).length > 0) linkers.push({ sourceId: source.id, dataset });
  }

  let depth = 0;
  while (depth < maxDepth && [...frontier.values()].some((s) => s.size > 0)) {
    depth += 1;
    const next: IdentifierSets = new Map();
    const learn = (identifier: string, value: string) => {
      if (known.get(identifier)?.has(value)) return;
      (known.get(identifier) ?? known.set(identifier, new Set()).get(identifier)!).add(value);
      (next.get(identifier) ?? next.set(identifier, new Set()).get(identifier)!).add(value);
    };
    for (const { sourceId, dataset } of linkers) {
      const connector = connectors.get(sourceId);
      if (!connector || tracker.isFailed(sourceId)) continue;
      const lookup = new Map<string, Set<string>>();
      for (const l of dataset.lookups ?? []) {
        const values = frontier.get(l.identifier);
        if (values?.size) lookup.set(l.identifier, values);
      }
      if (lookup.size === 0) continue;
      await tracker.time(sourceId, async () => {
        for await (const rows of connector.fetch(dataset, { lookup, known: null, window: null, columns: "links" })) for (const row of rows) {
          const found: Pending["found"] = [];
          for (const y of dataset.yields ?? []) {
            // An invoice of 2021 does not lead to its lines: they are of 2021 too (ADR 025).
            if (dated(y.identifier) && !inWindow(dataset, row.values, window)) continue;
            const value = normalizeIdentifier(y.identifier, row.values[y.column]);
            if (value !== null) found.push([y.identifier, value]);
          }
          const owners: Pending["owners"] = [];
          for (const o of dataset.owners ?? []) {
            const value = normalizeIdentifier(o.identifier, row.values[o.column]);
            if (value !== null) owners.push([o.identifier, value]);
          }
          if (owners.every(([id, v]) => known.get(id)?.has(v))) for (const [id, v] of found) learn(id, v);
          else pending.push({ owners, found });
        }
      });
      // Rows set aside earlier may now be recognised as the person's.
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = pending.length - 1; i >= 0; i--) {
          const item = pending[i]!;
          if (!item.owners.every(([id, v]) => known.get(id)?.has(v))) continue;
          pending.splice(i, 1);
          for (const [id, v] of item.found) learn(id, v);
          changed = true;
        }
      }
    }
    frontier = next;
  }
  return { known, depth, truncated: [...frontier.values()].some((s) => s.size > 0) };
}
