import type { ApiDefinition } from "../model";
import { isRecord, toPointer } from "../pointer";
import { truncate, type ConvertContext } from "./context";

// The document's top level: info, where the API is served, and the keys
// Portico keeps nothing of.

const HANDLED_ROOT_KEYS = new Set([
  "swagger",
  "openapi",
  "info",
  "paths",
  "components",
  "definitions",
  "securityDefinitions",
  "security",
  "consumes",
  "produces",
  "parameters",
  "responses",
]);

/** A definition with the document's title, description and version, and nothing else yet. */
export function readInfo(ctx: ConvertContext): ApiDefinition {
  const info = isRecord(ctx.root.info) ? ctx.root.info : {};
  const definition: ApiDefinition = {
    name: truncate(typeof info.title === "string" && info.title.trim() ? info.title.trim() : "Imported API", 128),
    description: truncate(typeof info.description === "string" ? info.description : "", 1024),
    version: typeof info.version === "string" ? info.version : undefined,
    apiKeySource: "HEADER",
    binaryMediaTypes: [],
    models: [],
    resources: [],
  };
  if (definition.version === undefined) delete definition.version;
  ctx.report.add("/info", "info", "applied", "The title, description and version describe the API.");
  return definition;
}

export function readBasePath(ctx: ConvertContext) {
  const { root, report } = ctx;
  if (ctx.version === "2.0") {
    if (typeof root.basePath === "string" && root.basePath !== "/") {
      report.add(
        "/basePath",
        "basePath",
        "ignored",
        `The base path ${root.basePath} is not added to resource paths: invoke URLs start with /<api-id>/<stage>.`,
      );
    }
    for (const key of ["host", "schemes", "basePath"]) {
      if (key in root && !(key === "basePath" && root.basePath !== "/")) {
        report.add(toPointer([key]), key, "ignored", `${key} does not apply: the gateway serves the API at its invoke URL.`);
      }
    }
    return;
  }
  if (Array.isArray(root.servers)) {
    report.add(
      "/servers",
      "servers",
      "ignored",
      "Servers are not added to resource paths: invoke URLs start with /<api-id>/<stage>. Set integration URIs for upstreams.",
    );
  }
}

export function readOtherRootKeys(ctx: ConvertContext) {
  const { root, report } = ctx;
  for (const key of Object.keys(root)) {
    if (HANDLED_ROOT_KEYS.has(key) || key.startsWith("x-") || ["host", "schemes", "basePath", "servers"].includes(key)) continue;
    report.add(toPointer([key]), key, "ignored", `${key} is documentation or applies to nothing Portico runs; it is not kept.`);
  }
  if (isRecord(root.components)) {
    for (const key of Object.keys(root.components)) {
      if (["schemas", "securitySchemes", "parameters", "requestBodies", "responses"].includes(key)) continue;
      report.add(toPointer(["components", key]), `components.${key}`, "ignored", `components.${key} is not used by Portico.`);
    }
  }
}
