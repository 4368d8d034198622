import { restoreSchema, SUBSCHEMA_MAPS } from "./schema-dialects";
import { getAtPointer, internalRefSegments, isRecord, parsePointer, toPointer } from "./pointer";

/**
 * Turning the schemas of a document into model schemas, and back. A model's
 * schema keeps its own shape; a reference to another named schema becomes a
 * reference to that model, "#/definitions/<name>", and a reference to the
 * model itself "#". Models are stored by reference: the schemas a model
 * reaches are not copied into it (with shared, deeply nested schemas that
 * copying is quadratic), and withModelDefinitions puts them under
 * `definitions` where a validator needs the whole schema (at deployment).
 * Circular schemas stay circular, and the mapping is reversible: an export
 * turns the references back into component references, so that
 * import → export → import gives the same models.
 */

/** Keys whose values are data, not schemas: a "$ref" inside them is not a reference. */
const DATA_KEYWORDS = new Set(["example", "examples", "enum", "default", "const"]);

/** A property named "example" or "default" is a schema like any other, and its references are converted. */
const SCHEMA_MAPS = SUBSCHEMA_MAPS;

/** Where the named schemas of a document live: "/components/schemas" (OpenAPI 3) or "/definitions" (Swagger 2.0). */
export type SchemaContainer = "/components/schemas" | "/definitions";

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

  /** The schema of the named model `self` (or an anonymous one when undefined), with references to models. */
  modelSchema(schema: unknown, self?: string): Record<string, unknown> {
    const top = this.rewrite(schema, self, new Set());
    return isRecord(top) ? top : {};
  }

  private rewrite(node: unknown, self: string | undefined, inlining: ReadonlySet<string>): unknown {
    if (Array.isArray(node)) return node.map((item) => this.rewrite(item, self, inlining));
    if (!isRecord(node)) return node;
    let copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const replaced = this.rewriteRef(value, self, inlining);
        if (typeof replaced === "string") copy.$ref = replaced;
        else copy = { ...replaced, ...copy };
      } else if (SCHEMA_MAPS.has(key) && isRecord(value)) {
        const schemas: Record<string, unknown> = {};
        for (const [name, schema] of Object.entries(value)) schemas[name] = this.rewrite(schema, self, inlining);
        copy[key] = schemas;
      } else {
        copy[key] = DATA_KEYWORDS.has(key) ? value : this.rewrite(value, self, inlining);
      }
    }
    return copy;
  }

  private rewriteRef(ref: string, self: string | undefined, inlining: ReadonlySet<string>): string | Record<string, unknown> {
    const segments = internalRefSegments(ref);
    if (!segments) return ref;
    const inContainer =
      segments.length > this.containerSegments.length && this.containerSegments.every((segment, index) => segments[index] === segment);
    // A reference to nothing (a warning of validation's) becomes the schema that accepts anything.
    if (getAtPointer(this.root, segments) === undefined) return {};
    if (inContainer) {
      const name = segments[this.containerSegments.length];
      const rest = segments.slice(this.containerSegments.length + 1);
      if (name === self) return "#" + toPointer(rest);
      return "#" + toPointer(["definitions", name, ...rest]);
    }
    // A reference somewhere else (a shared parameter's or response's schema): copy it in.
    if (inlining.has(ref)) return { description: `circular reference to ${ref}` };
    const target = restoreSchema(getAtPointer(this.root, segments));
    if (!isRecord(target)) return ref;
    const rewritten = this.rewrite(target, self, new Set(inlining).add(ref));
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

/**
 * A model's schema with the models it reaches, directly or through others,
 * under `definitions`: what a validator compiles. `lookup` gives a model's
 * schema by name. Each reached model's own references to itself are
 * rebased onto its place under definitions. A model's own definitions (a
 * schema written by hand) win over the API's models of the same name; a
 * name that is no model is a schema that accepts anything.
 */
export function withModelDefinitions(
  schema: Record<string, unknown>,
  lookup: (name: string) => Record<string, unknown> | undefined,
): Record<string, unknown> {
  const definitions: Record<string, unknown> = { ...definitionsOf(schema) };
  const pending: string[] = [];
  const reach = (node: unknown) => {
    for (const name of referencedDefinitions(node)) {
      if (name in definitions) continue;
      definitions[name] = {};
      pending.push(name);
    }
  };
  reach(schema);
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    const model = lookup(name);
    if (!model) continue;
    const own: Record<string, unknown> = { ...model };
    delete own.definitions;
    const base = "#/definitions/" + escapeName(name);
    const rebased = rewriteRefs(own, (ref) =>
      ref === "#" ? base : ref.startsWith("#/") && !ref.startsWith("#/definitions/") ? base + ref.slice(1) : ref,
    );
    definitions[name] = rebased;
    for (const [inner, definition] of Object.entries(definitionsOf(model))) {
      if (inner in definitions) continue;
      definitions[inner] = definition;
      reach(definition);
    }
    reach(rebased);
  }
  if (Object.keys(definitions).length === 0) return schema;
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(definitions).sort()) sorted[name] = definitions[name];
  return { ...schema, definitions: sorted };
}

/** The names X of the "#/definitions/X..." references in a schema (data keywords aside). */
export function referencedDefinitions(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) referencedDefinitions(item, found);
    return found;
  }
  if (!isRecord(node)) return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/definitions/")) {
      const segments = internalRefSegments(value);
      if (segments && segments.length >= 2) found.add(segments[1]);
    } else if (SCHEMA_MAPS.has(key) && isRecord(value)) {
      for (const child of Object.values(value)) referencedDefinitions(child, found);
    } else if (!DATA_KEYWORDS.has(key)) {
      referencedDefinitions(value, found);
    }
  }
  return found;
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
