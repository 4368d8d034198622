import { isRecord } from "../pointer";
import { restoreSchema } from "../schema-dialects";
import { isDanglingRef } from "../validate";
import { truncate, type ConvertContext } from "./context";

/** The document's named schemas (definitions, components.schemas) become models. */
export function readModels(ctx: ConvertContext) {
  const { schemas, models } = ctx;
  for (const name of schemas.names()) {
    const restored = schemas.namedSchema(name);
    let contentType = "application/json";
    let schema = restored;
    if (isRecord(restored) && typeof restored["content-type"] === "string") {
      // Portico's export records a model's media type beside its schema.
      const { "content-type": recorded, ...rest } = restored;
      contentType = String(recorded);
      schema = rest;
    }
    models.set(name, {
      name: truncate(name, 128),
      description: describe(schema),
      contentType,
      schema: schemas.modelSchema(schema, name),
    });
  }
  if (models.size > 0) {
    const pointer = ctx.version === "2.0" ? "/definitions" : "/components/schemas";
    ctx.report.add(
      pointer,
      "schemas",
      "applied",
      `${models.size} schema(s) became models (references to other schemas kept under definitions, circular ones included).`,
    );
  }
}

/**
 * The model a body or response schema uses: the named schema it references,
 * or a new model for an inline one. None for a reference to nothing (a
 * warning of validation's, as AWS's "missing model reference").
 */
export function modelFor(ctx: ConvertContext, rawSchema: unknown, contentType: string, fallbackName: string): string | undefined {
  const { schemas, models } = ctx;
  if (isDanglingRef(ctx.root, rawSchema)) return undefined;
  if (isRecord(rawSchema) && typeof rawSchema.$ref === "string" && Object.keys(rawSchema).length === 1) {
    const name = schemas.nameOf(rawSchema.$ref);
    if (name && models.has(name)) return name;
  }
  let name = sanitizeModelName(fallbackName);
  for (let suffix = 2; models.has(name); suffix++) name = sanitizeModelName(fallbackName) + suffix;
  const schema = restoreSchema(rawSchema);
  models.set(name, {
    name,
    description: describe(schema),
    contentType,
    schema: schemas.modelSchema(schema),
  });
  return name;
}

/** The name an operation's inline models start from: its operationId, else the method and path ("getPetsId"). */
export function operationLabel(httpMethod: string, path: string, operation: Record<string, unknown>): string {
  if (typeof operation.operationId === "string" && operation.operationId) return operation.operationId;
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return httpMethod.toLowerCase() + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

function describe(schema: unknown): string {
  return isRecord(schema) && typeof schema.description === "string" ? truncate(schema.description, 1024) : "";
}

function sanitizeModelName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9]/g, "");
  return truncate(cleaned || "Model", 120);
}
