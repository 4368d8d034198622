import { restoreSchema } from "./schema-dialects";
import { getAtPointer, internalRefSegments, isRecord, parsePointer, toPointer } from "./pointer";

/**
 * Turning the schemas of a document into self-contained model schemas, and
 * back. A model's schema keeps its own shape; every other named schema it
 * reaches is copied under `definitions` and referenced as
 * "#/definitions/<name>", and references to the model itself become "#".
 * Circular schemas therefore stay circular, and the mapping is reversible:
 * an export turns the references back into component references, so that
 * import → export → import gives the same models.
 */

/** Keys whose values are data, not schemas: a "$ref" inside them is not a reference. */
const DATA_KEYWORDS = new Set(["example", "examples", "enum", "default", "const"]);

/**
 * Keys whose values map names to schemas: a property named "example" or
 * "default" is a schema like any other, and its references are converted.
 */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);

/** Where the named schemas of a document live: "/components/schemas" (OpenAPI 3) or "/definitions" (Swagger 2.0). */
export type SchemaContainer = "/components/schemas" | "/definitions";

interface RewriteContext {
  self: string | undefined;
  definitions: Map<string, unknown>;
  pending: string[];
}

export class SchemaResolver {
  private readonly containerSegments: string[];
  private readonly restored = new Map<string, unknown>();

  constructor(
    private readonly root: Record<string, unknown>,
    container: SchemaContainer,
  ) {
    this.containerSegments = parsePointer(container);
  }

  /** The names of the document's named schemas, in document order. */
  names(): string[] {
    const schemas = getAtPointer(this.root, this.containerSegments);
    return isRecord(schemas) ? Object.keys(schemas) : [];
  }

  /** A named schema, with keywords an earlier export had to disguise restored. */
  namedSchema(name: string): unknown {
    let schema = this.restored.get(name);
    if (schema === undefined) {
      schema = restoreSchema(getAtPointer(this.root, [...this.containerSegments, name]));
      this.restored.set(name, schema);
    }
    return schema;
  }

  /** The named schema a $ref points at, when it points at one. */
  nameOf(ref: string): string | undefined {
    const segments = internalRefSegments(ref);
    if (!segments || segments.length !== this.containerSegments.length + 1) return undefined;
    return this.containerSegments.every((segment, index) => segments[index] === segment)
      ? segments[this.containerSegments.length]
      : undefined;
  }

  /** The schema of the named model `self` (or an anonymous one when undefined), made self-contained. */
  selfContained(schema: unknown, self?: string): Record<string, unknown> {
    const context: RewriteContext = { self, definitions: new Map(), pending: [] };
    const top = this.rewrite(schema, context, new Set());
    const result: Record<string, unknown> = isRecord(top) ? { ...top } : {};
    while (context.pending.length > 0) {
      const name = context.pending.shift() as string;
      context.definitions.set(name, this.rewrite(this.namedSchema(name), context, new Set()));
    }
    if (context.definitions.size > 0) {
      const sorted: Record<string, unknown> = {};
      for (const name of [...context.definitions.keys()].sort()) sorted[name] = context.definitions.get(name);
      result.definitions = sorted;
    }
    return result;
  }

  private rewrite(node: unknown, context: RewriteContext, inlining: ReadonlySet<string>): unknown {
    if (Array.isArray(node)) return node.map((item) => this.rewrite(item, context, inlining));
    if (!isRecord(node)) return node;
    let copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const replaced = this.rewriteRef(value, context, inlining);
        if (typeof replaced === "string") copy.$ref = replaced;
        else copy = { ...replaced, ...copy };
      } else if (SCHEMA_MAPS.has(key) && isRecord(value)) {
        const schemas: Record<string, unknown> = {};
        for (const [name, schema] of Object.entries(value)) schemas[name] = this.rewrite(schema, context, inlining);
        copy[key] = schemas;
      } else {
        copy[key] = DATA_KEYWORDS.has(key) ? value : this.rewrite(value, context, inlining);
      }
    }
    return copy;
  }

  private rewriteRef(ref: string, context: RewriteContext, inlining: ReadonlySet<string>): string | Record<string, unknown> {
    const segments = internalRefSegments(ref);
    if (!segments) return ref;
    const inContainer =
      segments.length > this.containerSegments.length && this.containerSegments.every((segment, index) => segments[index] === segment);
    // A reference to nothing (a warning of validation's) becomes the schema that accepts anything.
    if (getAtPointer(this.root, segments) === undefined) return {};
    if (inContainer) {
      const name = segments[this.containerSegments.length];
      const rest = segments.slice(this.containerSegments.length + 1);
      if (name === context.self) return "#" + toPointer(rest);
      if (!context.definitions.has(name)) {
        context.definitions.set(name, undefined);
        context.pending.push(name);
      }
      return "#" + toPointer(["definitions", name, ...rest]);
    }
    // A reference somewhere else (a shared parameter's or response's schema): copy it in.
    if (inlining.has(ref)) return { description: `circular reference to ${ref}` };
    const target = restoreSchema(getAtPointer(this.root, segments));
    if (!isRecord(target)) return ref;
    const rewritten = this.rewrite(target, context, new Set(inlining).add(ref));
    return isRecord(rewritten) ? rewritten : {};
  }
}

/**
 * The inverse, for export: the model's own part with "#" and "#/definitions/X"
 * turned into references to the document's named schemas. The definitions
 * themselves are exported as the named schemas of their own models.
 */
export function toDocumentSchema(schema: Record<string, unknown>, self: string, container: SchemaContainer): Record<string, unknown> {
  const own: Record<string, unknown> = { ...schema };
  delete own.definitions;
  const selfPointer = "#" + container + "/" + escapeName(self);
  const rewritten = rewriteRefs(own, (ref) => {
    if (ref === "#") return selfPointer;
    if (ref.startsWith("#/definitions/")) return "#" + container + ref.slice("#/definitions".length);
    if (ref.startsWith("#/")) return selfPointer + ref.slice(1);
    return ref;
  });
  return rewritten as Record<string, unknown>;
}

/** The named schemas a model's definitions hold. */
export function definitionsOf(schema: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const definitions = schema.definitions;
  if (!isRecord(definitions)) return {};
  const result: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(definitions)) if (isRecord(value)) result[name] = value;
  return result;
}

function escapeName(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

function rewriteRefs(node: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, map));
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") copy.$ref = map(value);
    else if (SCHEMA_MAPS.has(key) && isRecord(value))
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, rewriteRefs(schema, map)]));
    else copy[key] = DATA_KEYWORDS.has(key) ? value : rewriteRefs(value, map);
  }
  return copy;
}
