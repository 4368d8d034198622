/** JSON pointers (RFC 6901) as used in reports, diagnostics and internal $refs. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function toPointer(segments: ReadonlyArray<string | number>): string {
  let pointer = "";
  for (const segment of segments) pointer += "/" + escapePointerSegment(segment);
  return pointer;
}

export function appendPointer(pointer: string, ...segments: Array<string | number>): string {
  return pointer + toPointer(segments);
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  const body = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (!body.startsWith("/")) throw new Error(`"${pointer}" is not a JSON pointer: it must start with "/".`);
  return body
    .slice(1)
    .split("/")
    .map((segment) => unescapePointerSegment(decodeURIComponentSafe(segment)));
}

function decodeURIComponentSafe(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a pointer, or undefined when any step is missing. */
export function getAtPointer(root: unknown, segments: ReadonlyArray<string>): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) return undefined;
      current = current[index];
    } else if (isRecord(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** "#/components/schemas/Pet" → ["components", "schemas", "Pet"]; undefined for external references. */
export function internalRefSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  try {
    return parsePointer(ref);
  } catch {
    return undefined;
  }
}
