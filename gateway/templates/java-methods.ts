// The java.lang.String, java.util.Map and java.util.List methods mapping
// templates call in API Gateway, where JavaScript's differ or are missing:
// $s.length(), $s.replaceAll(regex, replacement), $map.containsKey(k),
// $list.isEmpty()... velocityjs already has get, keySet, entrySet, size.

import { TemplateError } from "./template-error";

interface Call {
  context: unknown;
  params: unknown[];
  property: string;
}

interface MethodHandler {
  uid: string;
  match(call: Call): boolean;
  resolve(call: Call): unknown;
}

type Kind = "string" | "map" | "list";

function kindOf(value: unknown): Kind | null {
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "list";
  if (value !== null && typeof value === "object") return "map";
  return null;
}

/** Patterns compiled once, not per call: templates call replaceAll and matches inside loops, on every request. */
const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 256;

function regex(pattern: unknown, method: string, flags = "g"): RegExp {
  const key = `${flags}/${String(pattern)}`;
  let compiled = compiledPatterns.get(key);
  if (compiled) {
    compiled.lastIndex = 0;
    return compiled;
  }
  try {
    compiled = new RegExp(String(pattern), flags);
  } catch (error) {
    throw new TemplateError(
      `${method}: invalid regular expression '${String(pattern)}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
  compiledPatterns.set(key, compiled);
  return compiled;
}

const sameValue = (a: unknown, b: unknown) => a === b || (typeof a === typeof b && JSON.stringify(a) === JSON.stringify(b));

const methods: Record<string, Partial<Record<Kind, (self: never, params: unknown[]) => unknown>>> = {
  length: { string: (self: string) => self.length },
  isEmpty: {
    string: (self: string) => self.length === 0,
    list: (self: unknown[]) => self.length === 0,
    map: (self: object) => Object.keys(self).length === 0,
  },
  contains: {
    string: (self: string, [part]) => self.includes(String(part)),
    list: (self: unknown[], [item]) => self.some((entry) => sameValue(entry, item)),
  },
  containsKey: { map: (self: object, [key]) => Object.prototype.hasOwnProperty.call(self, String(key)) },
  containsValue: { map: (self: Record<string, unknown>, [value]) => Object.values(self).some((entry) => sameValue(entry, value)) },
  values: { map: (self: Record<string, unknown>) => Object.values(self) },
  equals: { string: (self: string, [other]) => self === other },
  equalsIgnoreCase: { string: (self: string, [other]) => typeof other === "string" && self.toLowerCase() === other.toLowerCase() },
  replaceAll: { string: (self: string, [pattern, replacement]) => self.replace(regex(pattern, "replaceAll"), String(replacement)) },
  replaceFirst: { string: (self: string, [pattern, replacement]) => self.replace(regex(pattern, "replaceFirst", ""), String(replacement)) },
  // Java's replace(a, b) replaces every occurrence of the literal a.
  replace: { string: (self: string, [target, replacement]) => self.split(String(target)).join(String(replacement)) },
  matches: { string: (self: string, [pattern]) => regex(`^(?:${String(pattern)})$`, "matches", "").test(self) },
  split: { string: (self: string, [pattern]) => self.split(regex(pattern, "split")) },
};

/** The names the handlers below take. */
export const javaMethodNames: readonly string[] = Object.keys(methods);

export const javaMethodHandlers: MethodHandler[] = Object.entries(methods).map(([name, byKind]) => ({
  uid: `java: ${name}`,
  match: ({ property, context }) => {
    if (property !== name) return false;
    const kind = kindOf(context);
    return kind !== null && byKind[kind] !== undefined;
  },
  resolve: ({ context, params }) => {
    const method = byKind[kindOf(context) as Kind] as (self: unknown, params: unknown[]) => unknown;
    return method(context, params);
  },
}));
