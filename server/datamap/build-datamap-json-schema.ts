import { z } from "zod";
import { DatamapSchema } from "./datamap-schema";

/**
 * The JSON Schema of the data map (draft 2020-12), generated from the Zod schema so the two can
 * never disagree. Editors use it for completion (`# yaml-language-server: $schema=...`); it is
 * committed as docs/data-map.schema.json and a unit test fails when it is stale. Rules that need
 * more than one place (cross-checks) are in docs/data-map.md, not in the schema.
 */
export function buildDatamapJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DatamapSchema, { target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "Right to Know portal data map" };
}
