import type { z } from "zod";
import { FieldSchema, FileDatasetSchema, HttpDatasetSchema, SqlDatasetSchema } from "./dataset-schema";
import { DatamapSchema, SourceSchema } from "./datamap-schema";

/**
 * The places of a data map ("a source", "a dataset", "a field"...) and the keys each one takes,
 * read from the Zod schema itself so that a key added to the schema is known here at once. Used to
 * tell an engineer where a misplaced key belongs (issue 14.8).
 */
export type Level = { name: string; keys: ReadonlyMap<string, string | undefined> };

type AnySchema = z.ZodType & { _zod: { def: any }; description?: string };

/** The object (or objects, for a union) inside optional/nullable/default/array wrappers. */
function objectShapes(schema: AnySchema): Record<string, AnySchema>[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "object":
      return [def.shape];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
      return objectShapes(def.innerType);
    case "array":
      return objectShapes(def.element);
    case "record":
      return objectShapes(def.valueType);
    case "union":
      return def.options.flatMap((o: AnySchema) => objectShapes(o));
    case "pipe":
      return objectShapes(def.in);
    default:
      return [];
  }
}

/** A key's description (`.describe()`), looked for through the wrappers. */
export function describedAs(schema: AnySchema | undefined): string | undefined {
  for (let s = schema; s; s = s._zod.def.innerType ?? s._zod.def.element ?? s._zod.def.in) {
    if (s.description) return s.description;
  }
  return undefined;
}

function level(name: string, ...schemas: AnySchema[]): Level {
  const keys = new Map<string, string | undefined>();
  for (const shape of schemas.flatMap(objectShapes)) {
    for (const [key, value] of Object.entries(shape)) if (!keys.has(key) || !keys.get(key)) keys.set(key, describedAs(value));
  }
  return { name, keys };
}

const top = DatamapSchema as unknown as AnySchema;
const shape = (DatamapSchema as unknown as { shape: Record<string, AnySchema> }).shape;
const datasetSchemas = [SqlDatasetSchema, HttpDatasetSchema, FileDatasetSchema] as unknown as AnySchema[];
const sourceShapes = objectShapes(SourceSchema as unknown as AnySchema);
const datasetShapes = datasetSchemas.flatMap(objectShapes);
const pick = (shapes: Record<string, AnySchema>[], key: string) => shapes.map((s) => s[key]).filter((s): s is AnySchema => Boolean(s));

export const LEVELS = {
  top: level("the top level of the map", top),
  business: level("business:", shape.business!),
  identity: level("identity:", shape.identity!),
  identityFields: level("identity.fields:", ...pick(objectShapes(shape.identity!), "fields")),
  catalog: level("catalog:", shape.catalog!),
  source: level("a source (an entry of sources:)", SourceSchema as unknown as AnySchema),
  connection: level("a source's connection:", ...pick(sourceShapes, "connection")),
  dataset: level("a dataset (an entry of datasets:)", ...datasetSchemas),
  request: level("an http dataset's request:", ...pick(datasetShapes, "request")),
  file: level("a file dataset's file:", ...pick(datasetShapes, "file")),
  lookup: level("a lookup (an entry of lookups:)", ...pick(datasetShapes, "lookups")),
  field: level("a field (an entry of fields:)", FieldSchema as unknown as AnySchema),
  recipients: level("recipients:", ...pick(datasetShapes, "recipients")),
} satisfies Record<string, Level>;
export type LevelName = keyof typeof LEVELS;

/** Which place a path of the map points at, when it is one of the known places. */
export function levelAt(path: readonly (string | number)[]): LevelName | null {
  const last = path.at(-1);
  const previous = path.at(-2);
  if (path.length === 0) return "top";
  if (path.length === 1 && typeof last === "string" && last in LEVELS) return last as LevelName;
  if (path.length === 2 && path[0] === "identity" && last === "fields") return "identityFields";
  if (typeof last === "number") {
    if (previous === "sources") return "source";
    if (previous === "datasets") return "dataset";
    if (previous === "lookups") return "lookup";
    return null;
  }
  if (previous === "fields") return "field";
  if (last === "connection" || last === "request" || last === "file" || last === "recipients") return last;
  return null;
}
