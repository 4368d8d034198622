import { isRecord } from "./pointer";

/**
 * Schema Objects differ between Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1
 * (3.0 has no type arrays, 2.0 no oneOf, ...). An export must stay valid for
 * its target version and still carry everything Portico stored, so a keyword
 * the target cannot hold is written as "x-portico-<keyword>" (extensions are
 * allowed everywhere), and an import turns those back.
 */

export type ExportVersion = "2.0" | "3.0" | "3.1";

const EXTENSION_PREFIX = "x-portico-";

const COMMON_KEYWORDS = [
  "$ref",
  "title",
  "description",
  "default",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "required",
  "enum",
  "type",
  "items",
  "allOf",
  "properties",
  "additionalProperties",
  "format",
  "readOnly",
  "xml",
  "externalDocs",
  "example",
  "discriminator",
];

const ALLOWED: Record<"2.0" | "3.0", Set<string>> = {
  "2.0": new Set(COMMON_KEYWORDS),
  "3.0": new Set([...COMMON_KEYWORDS, "not", "oneOf", "anyOf", "nullable", "writeOnly", "deprecated"]),
};

const TYPES_3_0 = new Set(["array", "boolean", "integer", "number", "object", "string"]);
const TYPES_2_0 = new Set([...TYPES_3_0, "null", "file"]);

/** Whether a keyword's value is acceptable to the target version's Schema Object. */
function acceptable(version: "2.0" | "3.0", key: string, value: unknown): boolean {
  if (key.startsWith("x-")) return true;
  if (!ALLOWED[version].has(key)) return false;
  switch (key) {
    case "type":
      if (typeof value === "string") return (version === "2.0" ? TYPES_2_0 : TYPES_3_0).has(value);
      return version === "2.0" && Array.isArray(value) && value.every((item) => typeof item === "string" && TYPES_2_0.has(item));
    case "exclusiveMaximum":
    case "exclusiveMinimum":
    case "readOnly":
    case "writeOnly":
    case "nullable":
    case "deprecated":
    case "uniqueItems":
      return typeof value === "boolean";
    case "required":
      return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string");
    case "enum":
    case "allOf":
    case "oneOf":
    case "anyOf":
      return Array.isArray(value) && value.length > 0;
    case "items":
      return isRecord(value) || (version === "2.0" && Array.isArray(value) && value.length > 0);
    case "additionalProperties":
      return typeof value === "boolean" || isRecord(value);
    case "properties":
    case "not":
    case "xml":
    case "externalDocs":
      return isRecord(value);
    case "discriminator":
      return version === "2.0" ? typeof value === "string" : isRecord(value) && typeof value.propertyName === "string";
    case "$ref":
      return typeof value === "string";
    default:
      return true;
  }
}

/** Keywords whose values map names to schemas: below them a key is a name ("example" included), not a keyword. */
export const SUBSCHEMA_MAPS: ReadonlySet<string> = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const SUBSCHEMA_SINGLE = new Set(["items", "additionalProperties", "not", "additionalItems", "contains", "if", "then", "else"]);

/** A copy of the schema that the target version accepts. */
export function adaptSchema(schema: unknown, version: ExportVersion): unknown {
  if (version === "3.1") return schema;
  return adapt(schema, version);
}

function adapt(schema: unknown, version: "2.0" | "3.0"): unknown {
  if (!isRecord(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!acceptable(version, key, value)) {
      copy[EXTENSION_PREFIX + key] = value;
    } else if (SUBSCHEMA_MAPS.has(key) && isRecord(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, adapt(child, version)]));
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      copy[key] = value.map((child) => adapt(child, version));
    } else if (SUBSCHEMA_SINGLE.has(key)) {
      copy[key] = Array.isArray(value) ? value.map((child) => adapt(child, version)) : adapt(value, version);
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

/** Undoes adaptSchema on an imported schema. */
export function restoreSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(restoreSchema);
  if (!isRecord(schema)) return schema;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith(EXTENSION_PREFIX)) {
      copy[key.slice(EXTENSION_PREFIX.length)] = value;
      changed = true;
    } else if (typeof value === "object" && value !== null) {
      const restored = restoreSchema(value);
      if (restored !== value) changed = true;
      copy[key] = restored;
    } else {
      copy[key] = value;
    }
  }
  return changed ? copy : schema;
}
