/**
 * Reads a JSON pointer (RFC 6901) from a parsed document; undefined when any step is missing.
 *
 * @example readJsonPointer({ data: [{ id: 1 }] }, "/data/0/id") // 1
 * @example readJsonPointer({ a: 1 }, "") // { a: 1 }
 */
export function readJsonPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
      current = current[Number(key)];
    } else {
      current = Object.prototype.hasOwnProperty.call(current, key) ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return current;
}
