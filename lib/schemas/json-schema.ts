import Ajv, { type Options } from "ajv";
import type AjvCore from "ajv/dist/core";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

import { referencedDefinitions } from "@/lib/openapi/schema-refs";

// Models are JSON Schemas. A schema is accepted only if a validator can be
// compiled from it, because the gateway will compile the same schema when it
// validates request bodies: better to refuse it here, with the reason, than to
// fail a deployment later.

// Unknown keywords (example, x-...) are common in real documents and harmless.
const options: Options = { strict: false, allErrors: false, logger: false, validateSchema: true };

type Draft = "draft-04" | "draft-07" | "2019-09" | "2020-12";

let compilers: Record<Draft, AjvCore> | undefined;

function getCompilers(): Record<Draft, AjvCore> {
  if (!compilers) {
    const build = (ajv: AjvCore): AjvCore => {
      addFormats(ajv);
      return ajv;
    };
    compilers = {
      "draft-04": build(new AjvDraft04(options)),
      "draft-07": build(new Ajv(options)),
      "2019-09": build(new Ajv2019(options)),
      "2020-12": build(new Ajv2020(options)),
    };
  }
  return compilers;
}

function pickDraft(schema: Record<string, unknown>): Draft {
  const declared = typeof schema.$schema === "string" ? schema.$schema : "";
  if (declared.includes("draft-04")) return "draft-04";
  if (declared.includes("2019-09")) return "2019-09";
  if (declared.includes("2020-12")) return "2020-12";
  return "draft-07";
}

/** Why `schema` is not a usable JSON Schema (the validator's own words); null when it compiles. */
export function jsonSchemaProblem(schema: unknown): string | null {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return 'schema must be a JSON Schema object, e.g. { "type": "object" }';
  }
  const record = schema as Record<string, unknown>;
  const compiler = getCompilers()[pickDraft(record)];
  try {
    // Each compile registers the schema's $id; a fresh copy without it avoids
    // "schema with key or id already exists" when the same model is checked twice.
    const { $id: _ignoredId, id: _ignoredLegacyId, ...rest } = record;
    compiler.compile(withModelStubs(rest));
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `schema is not a valid JSON Schema: ${message}`;
  }
}

/**
 * References to other models ("#/definitions/<model>", as imports write
 * them) are resolved against the API's models when a deployment compiles
 * the schema; here each is checked as a schema that accepts anything.
 */
function withModelStubs(schema: Record<string, unknown>): Record<string, unknown> {
  const names = referencedDefinitions(schema);
  const own = typeof schema.definitions === "object" && schema.definitions !== null ? (schema.definitions as Record<string, unknown>) : {};
  const missing = [...names].filter((name) => !(name in own));
  if (missing.length === 0) return schema;
  return { ...schema, definitions: { ...Object.fromEntries(missing.map((name) => [name, {}])), ...own } };
}
