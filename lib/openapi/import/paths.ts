import type { IntegrationDefinition, MethodDefinition, ResourceDefinition } from "../model";
import { appendPointer, isRecord, toPointer } from "../pointer";
import { HTTP_METHODS, isDanglingRef, repeatedPlaceholder, resolveRef } from "../validate";
import { isRoutableSegment } from "../../contracts/snapshot";
import { isVariablePathPart } from "../../schemas/resource-path";
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
        `The path ${path} has the segment "${unroutable}", which Portico cannot route: a segment is literal text (letters, digits and . _ ~ - @ : , ; = ! $ & '), variables named with letters, digits and _ ({id}), or both, each variable followed by the end of the segment, '.' or '-' ({sid}.json, {lat}-{lng}); a greedy {proxy+} comes last. The path and its operations are not imported; rewrite it.`,
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
 * A rename never gives a path the same variable twice: a later variable
 * that would take a name the path already uses gets a numbered one
 * ({id2}). Each renamed path parameter keeps the name the document gave
 * it, so that an export writes the document's paths back. A greedy and a
 * plain variable at the same place cannot both be routed: the later path is
 * left out with a warning.
 */
function unifyVariables(ctx: ConvertContext, resources: ResourceDefinition[]): ResourceDefinition[] {
  const variableAt = new Map<string, string>();
  const byPath = new Map<string, ResourceDefinition>();
  for (const resource of resources) {
    const unified = unifyPath(resource.path, variableAt);
    if (typeof unified === "string") {
      ctx.report.skip(toPointer(["paths", resource.path]), "path variables", unified);
      continue;
    }
    const { canonical, renames } = unified;
    if (renames.size > 0) {
      for (const method of resource.methods) renameVariables(method, renames);
      ctx.report.add(
        toPointer(["paths", resource.path]),
        "path variables",
        "emulated",
        `Another path names the same variable differently; ${[...renames].map(([from, to]) => `{${from}} is renamed {${to}}`).join(", ")} here (${canonical}). Exports write the path as the document does.`,
      );
    }
    const existing = byPath.get(canonical);
    if (!existing) {
      byPath.set(canonical, { path: canonical, methods: resource.methods });
      continue;
    }
    for (const method of resource.methods) {
      if (existing.methods.some((other) => other.httpMethod === method.httpMethod)) {
        ctx.report.skip(
          toPointer(["paths", resource.path]),
          "operation",
          `${method.httpMethod} ${canonical} is already defined by another path that differs only in a variable name; this one is not imported.`,
        );
      } else {
        existing.methods.push(method);
      }
    }
    existing.methods.sort((a, b) => a.httpMethod.localeCompare(b.httpMethod));
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The path with each variable named as the first path to reach its place
 * named it, and the renames (document name → name used), or why it cannot
 * be routed beside the paths before it. `variableAt` records, per parent
 * path, the variable segment chosen there.
 */
function unifyPath(path: string, variableAt: Map<string, string>): { canonical: string; renames: Map<string, string> } | string {
  const renames = new Map<string, string>();
  const used = new Set<string>();
  const created: string[] = [];
  let canonical = "";
  for (const part of path === "/" ? [] : path.split("/").slice(1)) {
    const parent = canonical || "/";
    let segment = part;
    if (isVariablePathPart(part)) {
      const greedy = part.endsWith("+}");
      const name = variableName(part);
      let chosen = variableAt.get(parent);
      if (chosen === undefined) {
        let fresh = name;
        for (let suffix = 2; used.has(fresh); suffix++) fresh = `${name}${suffix}`;
        chosen = greedy ? `{${fresh}+}` : `{${fresh}}`;
        variableAt.set(parent, chosen);
        created.push(parent);
      } else if (chosen.endsWith("+}") !== greedy || used.has(variableName(chosen))) {
        // Undo what this path claimed, so that a path left out leaves no trace.
        for (const claimed of created) variableAt.delete(claimed);
        return chosen.endsWith("+}") !== greedy
          ? `The path ${path} puts ${part} where another path has ${chosen}: a greedy and a plain variable at the same place cannot both be routed, so this path is not imported.`
          : `The path ${path} would name two of its variables {${variableName(chosen)}} once unified with the other paths, so it is not imported; name its variables as the other paths do.`;
      }
      used.add(variableName(chosen));
      if (variableName(chosen) !== name) renames.set(name, variableName(chosen));
      segment = chosen;
    } else if (part.includes("{")) {
      // Variables beside literal text ("{Sid}.json"): a router cannot tell
      // "{Sid}.json" from "{CallSid}.json" either, so segments of the same
      // shape under the same parent take the first one's names, in order.
      const key = `${parent}\u0000${part.replace(/\{[^{}]+\}/g, "{}")}`;
      const names = variableNames(part);
      let chosen = variableAt.get(key);
      if (chosen === undefined) {
        let index = 0;
        chosen = part.replace(/\{[^{}]+\}/g, () => {
          const name = names[index++];
          let fresh = name;
          for (let suffix = 2; used.has(fresh); suffix++) fresh = `${name}${suffix}`;
          return `{${fresh}}`;
        });
        variableAt.set(key, chosen);
        created.push(key);
      }
      const chosenNames = variableNames(chosen);
      if (chosenNames.some((name) => used.has(name))) {
        for (const claimed of created) variableAt.delete(claimed);
        return `The path ${path} would name two of its variables alike once unified with the other paths (${chosen}), so it is not imported; name its variables as the other paths do.`;
      }
      chosenNames.forEach((name, index) => {
        used.add(name);
        if (name !== names[index]) renames.set(names[index], name);
      });
      segment = chosen;
    }
    canonical = `${canonical}/${segment}`;
  }
  return { canonical: canonical || "/", renames };
}

/** The names of the variables in a segment, in order: "{name}.{ext}" → name, ext. */
function variableNames(part: string): string[] {
  return [...part.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]);
}

/** "{id}" and "{proxy+}" → "id" and "proxy". */
function variableName(part: string): string {
  return part.slice(1, -1).replace(/\+$/, "");
}

/** Renames a method's path parameters and their uses in its integration, all at once (a → b and b → c never make a → c). */
function renameVariables(method: MethodDefinition, renames: Map<string, string>) {
  for (const parameter of method.requestParameters) {
    const renamed = parameter.in === "path" ? renames.get(parameter.name) : undefined;
    if (renamed === undefined) continue;
    parameter.originalName ??= parameter.name;
    parameter.name = renamed;
  }
  method.requestParameters.sort(compareParameters);
  if (method.integration) renameIntegrationVariables(method.integration, renames);
}

/** An integration's URI placeholders and path parameter mappings, renamed at once. */
export function renameIntegrationVariables(integration: IntegrationDefinition, renames: ReadonlyMap<string, string>) {
  if (integration.uri)
    integration.uri = integration.uri.replace(/\{([^}]+)\}/g, (token, name: string) =>
      renames.has(name) ? `{${renames.get(name)}}` : token,
    );
  for (const [key, value] of Object.entries(integration.requestParameters)) {
    const name = value.startsWith("method.request.path.") ? value.slice("method.request.path.".length) : undefined;
    const renamed = name === undefined ? undefined : renames.get(name);
    if (renamed !== undefined) integration.requestParameters[key] = `method.request.path.${renamed}`;
  }
}

/** A greedy variable, which takes the rest of the path: only as the last segment. */
const GREEDY_SEGMENT = /^\{[A-Za-z_][A-Za-z0-9_]*\+\}$/;

/**
 * The first segment the gateway cannot route, if any (the snapshot
 * contract's rule): literal text, variables, or both ("{sid}.json",
 * "v{version}"), where a variable is followed by the segment's end, '.' or
 * '-'; a greedy {proxy+} only last.
 */
export function unroutableSegment(path: string): string | undefined {
  // The root "/" has no segments.
  if (path === "/") return undefined;
  const segments = path.split("/").slice(1);
  return segments.find((part, index) => !isRoutableSegment(part) && !(index === segments.length - 1 && GREEDY_SEGMENT.test(part)));
}

/** "/pets/" → "/pets"; the root stays "/". */
function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed === "" ? "/" : trimmed;
}
