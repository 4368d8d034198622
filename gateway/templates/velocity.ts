// Velocity mapping templates, parsed once when a snapshot is compiled and
// rendered per request. Rendering is bounded as in API Gateway: a #foreach
// stops the template after 1,000 iterations, and so does runaway recursion
// or output beyond the payload limit.

import { Compile, type parse } from "velocityjs";
import { parseTemplate, TemplateSyntaxError } from "@/lib/contracts/template-syntax";

import { javaMethodHandlers } from "./java-methods";
import { TemplateError } from "./template-error";

export const MAX_FOREACH_ITERATIONS = 1_000;
/** All loops of one rendering together. */
export const MAX_TOTAL_ITERATIONS = 100_000;
/** API Gateway's payload limit. */
export const MAX_OUTPUT_CHARS = 10 * 1024 * 1024;

type Asts = ReturnType<typeof parse>;

/** Counts the iterations of every #foreach while one template renders. */
class BoundedCompile extends Compile {
  private iterations = new Map<string, number>();
  private total = 0;

  constructor(asts: Asts) {
    super(asts, { customMethodHandlers: javaMethodHandlers });
  }

  reset(): void {
    this.iterations.clear();
    this.total = 0;
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

interface VelocityInternals {
  context: Record<string, unknown>;
  defines: Record<string, unknown>;
  isBlockedPathKey(base: unknown, key: string): boolean;
  getLocal(ast: ReferenceAst): { isLocal: boolean; value: unknown };
  getPropMethod(ast: ReferenceAst, base: unknown, root: ReferenceAst): unknown;
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
      compiled.reset();
      let output: string;
      try {
        // Silent: a reference to nothing renders as nothing, as in API Gateway.
        output = compiled.render({ ...variables }, undefined, true);
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
