import type { ModelDefinition, RequestValidatorKind, RequestValidatorRules } from "../model";
import { SchemaResolver } from "../schema-refs";
import type { SpecVersion } from "../validate";
import { ImportReport } from "./report";

/** What the converting functions share while one document is converted. */
export interface ConvertContext {
  readonly root: Record<string, unknown>;
  readonly version: SpecVersion;
  readonly report: ImportReport;
  readonly schemas: SchemaResolver;
  /** Models by name: the document's named schemas first, then the ones made for inline schemas. */
  readonly models: Map<string, ModelDefinition>;
  /** x-amazon-apigateway-request-validators by name. */
  readonly validators: Map<string, RequestValidatorRules>;
  /** What the API-level x-amazon-apigateway-request-validator makes methods without their own validate. */
  defaultValidator: RequestValidatorKind | undefined;
  missingIntegrations: number;
  /** Operation ids already given to a method: a repeated one names only the first. */
  readonly operationIds: Set<string>;
}

export function createContext(root: Record<string, unknown>, version: SpecVersion): ConvertContext {
  return {
    root,
    version,
    report: new ImportReport(),
    schemas: new SchemaResolver(root, version === "2.0" ? "/definitions" : "/components/schemas"),
    models: new Map(),
    validators: new Map(),
    defaultValidator: undefined,
    missingIntegrations: 0,
    operationIds: new Set(),
  };
}

/** The definition's text fields have the database's length limits. */
export function truncate(value: string, length: number): string {
  return value.length > length ? value.slice(0, length) : value;
}
