import type { MethodDefinition, ResourceDefinition } from "../model";
import { appendPointer, isRecord, toPointer } from "../pointer";
import { HTTP_METHODS, isDanglingRef, repeatedPlaceholder, resolveRef } from "../validate";
import { ANY_METHOD, reportUnhandledExtension } from "./aws-extensions";
import type { ConvertContext } from "./context";
import { readMethod } from "./methods";
import { compareParameters } from "./parameters";

/** The document's paths → resources with their methods, sorted by path. */
export function readResources(ctx: ConvertContext): ResourceDefinition[] {
  const { root, report } = ctx;
  const paths = isRecord(root.paths) ? root.paths : {};
  const resources: ResourceDefinition[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith("x-")) {
      report.add(toPointer(["paths", path]), path, "ignored", `The extension ${path} is not used by Portico.`);
      continue;
    }
    const item = resolveRef(root, rawItem);
    const pathPointer = toPointer(["paths", path]);
    // Dangling references and repeated placeholders were reported by validation.
    if (!isRecord(item) || isDanglingRef(root, rawItem) || repeatedPlaceholder(path) !== undefined) continue;
    const normalized = normalizePath(path);
    const unroutable = unroutableSegment(normalized);
    if (unroutable !== undefined) {
      report.skip(
        pathPointer,
        "path",
        `The path ${path} has the segment "${unroutable}", which Portico cannot route: a segment is either literal text (letters, digits, . _ ~ -) or one whole variable such as {id} or {proxy+}. The path and its operations are not imported; rewrite it (for example /calls/{sid} instead of /calls/{sid}.json).`,
      );
      continue;
    }
    const methods: MethodDefinition[] = [];
    for (const [key, operation] of Object.entries(item)) {
      const method = (HTTP_METHODS as readonly string[]).includes(key) ? key.toUpperCase() : key === ANY_METHOD ? "ANY" : undefined;
      const pointer = appendPointer(pathPointer, key);
      if (method === "TRACE") {
        report.add(pointer, "trace", "unsupported", "TRACE methods are not supported by the gateway.");
        continue;
      }
      if (method && isRecord(operation)) {
        if (key === ANY_METHOD) report.add(pointer, ANY_METHOD, "applied", "An ANY method answers every HTTP method on this resource.");
        methods.push(readMethod(ctx, method as MethodDefinition["httpMethod"], operation, item, pointer, path));
      } else if (key === "parameters") {
        // Merged into each operation.
      } else if (key.startsWith("x-")) {
        reportUnhandledExtension(ctx, pointer, key);
      } else if (key !== "$ref") {
        report.add(pointer, key, "ignored", `${key} on a path is not used by Portico.`);
      }
    }
    methods.sort((a, b) => a.httpMethod.localeCompare(b.httpMethod));
    const existing = resources.find((resource) => resource.path === normalized);
    if (existing) existing.methods.push(...methods);
    else resources.push({ path: normalized, methods });
  }
  resources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return unifyVariables(ctx, resources);
}

/**
 * A router cannot tell /items/{id} from /items/{name}: one variable per
 * position. Documents that name it differently on different paths (Twilio's
 * does) get the first name everywhere, with parameters and URIs renamed.
 */
function unifyVariables(ctx: ConvertContext, resources: ResourceDefinition[]): ResourceDefinition[] {
  const variableAt = new Map<string, string>();
  const byPath = new Map<string, ResourceDefinition>();
  for (const resource of resources) {
    const renames = new Map<string, string>();
    let canonical = "";
    for (const part of resource.path.split("/").slice(1)) {
      const parent = canonical || "/";
      let segment = part;
      if (part.startsWith("{") && part.endsWith("}")) {
        const chosen = variableAt.get(parent);
        if (chosen === undefined) variableAt.set(parent, part);
        else if (chosen !== part) {
          segment = chosen;
          renames.set(part.slice(1, -1).replace(/\+$/, ""), chosen.slice(1, -1).replace(/\+$/, ""));
        }
      }
      canonical = `${canonical}/${segment}`;
    }
    canonical ||= "/";
    if (renames.size > 0) {
      for (const method of resource.methods) renameVariables(method, renames);
      ctx.report.add(
        toPointer(["paths", resource.path]),
        "path variables",
        "emulated",
        `Another path names the same variable differently; ${[...renames].map(([from, to]) => `{${from}} is renamed {${to}}`).join(", ")} here (${canonical}).`,
      );
    }
    const existing = byPath.get(canonical);
    if (!existing) {
      byPath.set(canonical, { path: canonical, methods: resource.methods });
      continue;
    }
    for (const method of resource.methods) {
      if (existing.methods.some((other) => other.httpMethod === method.httpMethod)) {
        ctx.report.add(
          toPointer(["paths", resource.path]),
          "operation",
          "ignored",
          `${method.httpMethod} ${canonical} is already defined by another path that differs only in a variable name.`,
        );
      } else {
        existing.methods.push(method);
      }
    }
    existing.methods.sort((a, b) => a.httpMethod.localeCompare(b.httpMethod));
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function renameVariables(method: MethodDefinition, renames: Map<string, string>) {
  for (const parameter of method.requestParameters) {
    if (parameter.in === "path") parameter.name = renames.get(parameter.name) ?? parameter.name;
  }
  method.requestParameters.sort(compareParameters);
  const integration = method.integration;
  if (!integration) return;
  for (const [from, to] of renames) {
    if (integration.uri) integration.uri = integration.uri.split(`{${from}}`).join(`{${to}}`);
    for (const [key, value] of Object.entries(integration.requestParameters)) {
      integration.requestParameters[key] = value === `method.request.path.${from}` ? `method.request.path.${to}` : value;
    }
  }
}

/** What a path segment may be: literal text, or one whole variable ({id}, {proxy+}). */
const SEGMENT = /^([A-Za-z0-9._~-]+|\{[A-Za-z0-9._~-]+\+?\})$/;

/**
 * The first segment the gateway cannot route, if any: like AWS API Gateway,
 * a variable takes a whole segment ("/calls/{sid}", not "/calls/{sid}.json").
 */
export function unroutableSegment(path: string): string | undefined {
  // The root "/" has no segments.
  if (path === "/") return undefined;
  return path
    .split("/")
    .slice(1)
    .find((part) => !SEGMENT.test(part));
}

/** "/pets/" → "/pets"; the root stays "/". */
function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed === "" ? "/" : trimmed;
}
