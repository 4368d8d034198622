// Velocity mapping templates, parsed once when a snapshot is compiled and
// rendered per request. Rendering is bounded as in API Gateway: a #foreach
// stops the template after 1,000 iterations, and so does runaway recursion
// or output beyond the payload limit.

import { Compile, type parse } from "velocityjs";
import { parseTemplate, TemplateSyntaxError } from "@/lib/contracts/template-syntax";

import { javaMethodHandlers, javaMethodNames } from "./java-methods";
import { TemplateError } from "./template-error";

export const MAX_FOREACH_ITERATIONS = 1_000;
/** All loops of one rendering together. */
export const MAX_TOTAL_ITERATIONS = 100_000;
/** API Gateway's payload limit. */
export const MAX_OUTPUT_CHARS = 10 * 1024 * 1024;

type Asts = ReturnType<typeof parse>;

/** Method names some handler may take: any other call goes straight to the object's own method. */
const HANDLED_METHODS = new Set([
  ...javaMethodNames,
  // velocityjs's own: get, set, keySet, entrySet, size, put, add, remove, subList, and getX/isX/setX accessors.
  "get",
  "set",
  "keySet",
  "entrySet",
  "size",
  "put",
  "add",
  "remove",
  "subList",
]);
const ACCESSOR_PREFIX = /^(?:get|is|set)./;
const NOT_LOCAL = Object.freeze({ isLocal: false, value: undefined });
const EMPTY_CONTEXT: Record<string, unknown> = Object.freeze({});

function hasKeys(object: object): boolean {
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) return true;
  return false;
}
/** Double-quoted strings with references, parsed once each (velocityjs would parse them on every evaluation). */
const MAX_PARSED_STRINGS = 1_000;

const base = Compile.prototype as unknown as VelocityInternals;

/**
 * velocityjs's compiler, bounded (it counts the iterations of every #foreach)
 * and made to render the same template many times: the state of one
 * rendering is dropped when it ends, so the next starts clean and the last
 * request's payload is not kept alive.
 */
class BoundedCompile extends Compile {
  private iterations = new Map<string, number>();
  private total = 0;
  private readonly parsedStrings = new Map<string, Asts>();

  constructor(asts: Asts) {
    super(asts, { customMethodHandlers: javaMethodHandlers });
    const self = this as unknown as VelocityInternals;
    self.silence = true;
    self.macros = {
      stop: () => {
        self.runState.stop = true;
        return "";
      },
    };
    Object.defineProperty(self.macros, "eval", { value: this.eval.bind(this) });
  }

  /** Renders silently: a reference to nothing renders as nothing, as in API Gateway. */
  override render(context: Record<string, unknown>): string {
    const self = this as unknown as VelocityInternals;
    self.context = context;
    try {
      return this.renderAstList();
    } finally {
      self.context = EMPTY_CONTEXT;
      if (hasKeys(self.local)) self.local = {};
      if (self.conditions.length > 0) self.conditions = [];
      self.contextId = "";
      self.runState.stop = false;
      self.runState.break = false;
      this.iterations.clear();
      this.total = 0;
    }
  }

  override evalStr(text: string): string {
    let asts = this.parsedStrings.get(text);
    if (asts === undefined) {
      asts = parseTemplate(text);
      if (this.parsedStrings.size >= MAX_PARSED_STRINGS) this.parsedStrings.clear();
      this.parsedStrings.set(text, asts);
    }
    return this.renderAstList(asts, (this as unknown as VelocityInternals).contextId);
  }

  /** `#set($name = value)` outside loops and macros, the usual case, without velocityjs's path resolution (run twice there). */
  setValue(ast: SetAst): void {
    const self = this as unknown as VelocityInternals;
    const [ref, value] = ast.equal;
    if (ref.path !== undefined || self.conditions.length > 0 || ref.id === "__proto__") {
      base.setValue.call(this, ast);
      return;
    }
    self.context[ref.id] = value.type === "math" ? self.getExpression(value) : self.getLiteral(value);
  }

  // velocityjs mixes these into Compile, so its types do not declare them: the base is reached through its prototype.
  getLocal(ast: ReferenceAst): { isLocal: boolean; value: unknown } {
    if ((this as unknown as VelocityInternals).conditions.length === 0) return NOT_LOCAL;
    return base.getLocal.call(this, ast);
  }

  /**
   * A method call. The calls templates make most ($input.path, $util.x,
   * $s.substring) are none of the handlers' names: those skip the search
   * through every handler and the `eval` velocityjs would attach to the
   * object on each call (a velocityjs extension no template uses).
   */
  getPropMethod(property: MethodAst, baseRef: unknown, ast: ReferenceAst): unknown {
    const id = property.id;
    if (HANDLED_METHODS.has(id) || ACCESSOR_PREFIX.test(id)) return base.getPropMethod.call(this, property, baseRef, ast);
    const self = this as unknown as VelocityInternals;
    if (self.isBlockedPathKey(baseRef, id)) return undefined;
    const method = (baseRef as Record<string, unknown> | null | undefined)?.[id];
    if (typeof method !== "function") return undefined;
    const values = property.args ? property.args.map((exp) => self.getLiteral(exp)) : [];
    return (method as (...values: unknown[]) => unknown).apply(baseRef, values);
  }

  // velocityjs renders each #foreach iteration through renderAstList with the loop's own context id.
  override renderAstList(asts?: Asts, contextId?: string): string {
    if (contextId?.startsWith("foreach:")) {
      const count = (this.iterations.get(contextId) ?? 0) + 1;
      this.iterations.set(contextId, count);
      if (count > MAX_FOREACH_ITERATIONS) throw new TemplateError(`#foreach ran more than ${MAX_FOREACH_ITERATIONS} iterations`);
      if (++this.total > MAX_TOTAL_ITERATIONS)
        throw new TemplateError(`the template's loops ran more than ${MAX_TOTAL_ITERATIONS} iterations in all`);
    }
    return super.renderAstList(asts, contextId);
  }

  /**
   * velocityjs's reference lookup, without what a silent rendering with no
   * escaping never uses: it builds each reference's source text (`$a.b('c')`)
   * on every evaluation, to look it up as a key of the context and to print
   * an unresolved reference, and neither can happen here (the context's keys
   * are plain names; unresolved references print nothing). That text was
   * most of a rendering's cost.
   */
  override getReferences(node: Parameters<Compile["getReferences"]>[0], isVal?: boolean): string {
    const self = this as unknown as VelocityInternals;
    const ast = node as unknown as ReferenceAst;
    if (ast.prue) {
      const define = self.defines[ast.id];
      if (Array.isArray(define)) return this.renderAstList(define as Asts);
    }
    const context = self.context;
    let ret = self.isBlockedPathKey(context, ast.id) ? undefined : context[ast.id];
    const local = self.getLocal(ast);
    if (ret !== undefined && ast.args !== undefined) ret = self.getPropMethod(ast, context, ast);
    if (local.isLocal) ret = local.value;
    if (Array.isArray(ast.path)) {
      for (const property of ast.path) {
        if (ret === undefined) self._throw(ast, property);
        ret = self.getAttributes(property, ret, ast);
      }
    }
    if (isVal && ret === undefined) ret = "";
    // Typed as a string by velocityjs, but a reference holds any value (#set($x = $input.path('$'))).
    return ret as string;
  }
}

/** The parts of velocityjs's reference AST and compiler the lookup above uses. */
interface ReferenceAst {
  id: string;
  prue?: boolean;
  args?: unknown[];
  path?: unknown[];
}

interface SetAst {
  equal: [ReferenceAst, { type: string }];
}

interface MethodAst {
  id: string;
  /** false for a call without arguments. */
  args?: unknown[] | false;
}

interface VelocityInternals {
  context: Record<string, unknown>;
  defines: Record<string, unknown>;
  macros: Record<string, unknown>;
  local: Record<string, unknown>;
  conditions: string[];
  contextId: string;
  silence: boolean;
  runState: { stop: boolean; break: boolean };
  getLiteral(ast: unknown): unknown;
  getExpression(ast: unknown): unknown;
  setValue(ast: SetAst): void;
  isBlockedPathKey(base: unknown, key: string): boolean;
  getLocal(ast: ReferenceAst): { isLocal: boolean; value: unknown };
  getPropMethod(ast: ReferenceAst | MethodAst, base: unknown, root: ReferenceAst): unknown;
  getAttributes(property: unknown, base: unknown, ast: ReferenceAst): unknown;
  _throw(ast: ReferenceAst, property: unknown): void;
}

export interface CompiledTemplate {
  readonly source: string;
  /** Renders with the template's variables ($input, $context, $util, ...); throws a TemplateError when the template fails. */
  render(variables: Record<string, unknown>): string;
}

/** Parses a template; a template that does not parse throws a TemplateError with its line and column. */
export function compileTemplate(source: string): CompiledTemplate {
  let asts: Asts;
  try {
    asts = parseTemplate(source);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw new TemplateError(error.message, error.line, error.column);
    throw error;
  }
  const compiled = new BoundedCompile(asts);
  return {
    source,
    render(variables) {
      let output: string;
      try {
        // A copy: #set writes into it.
        output = compiled.render({ ...variables });
      } catch (error) {
        if (error instanceof TemplateError) throw error;
        if (error instanceof RangeError) throw new TemplateError("the template recursed too deeply");
        throw new TemplateError(`the template failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (output.length > MAX_OUTPUT_CHARS) throw new TemplateError(`the template's output is larger than ${MAX_OUTPUT_CHARS} characters`);
      return output;
    },
  };
}
