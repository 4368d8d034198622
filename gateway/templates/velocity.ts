// Velocity mapping templates, parsed once when a snapshot is compiled and
// rendered per request. Rendering is bounded as in API Gateway: a #foreach
// stops the template after 1,000 iterations, and so does runaway recursion
// or output beyond the payload limit.

import { Compile, parse } from "velocityjs";

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
}

export interface CompiledTemplate {
  readonly source: string;
  /** Renders with the template's variables ($input, $context, $util, ...); throws a TemplateError when the template fails. */
  render(variables: Record<string, unknown>): string;
}

const BLOCK_OPENING = /#\{?(if|foreach|macro|define)\}?\s*\(/y;
const BLOCK_END = /#\{?end\}?/y;

/** Line and column (1-based) of an offset in the source. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * velocityjs forgives a missing or extra #end (it renders the rest oddly or
 * drops it); the JVM's Velocity refuses the template. So does this check,
 * naming the directive left open or the #end too many.
 */
function checkBlocks(source: string): void {
  const open: { directive: string; offset: number }[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith("#[[", i)) {
      const close = source.indexOf("]]#", i + 3);
      i = close === -1 ? source.length : close + 3;
      continue;
    }
    if (source.startsWith("#*", i)) {
      const close = source.indexOf("*#", i + 2);
      i = close === -1 ? source.length : close + 2;
      continue;
    }
    if (source.startsWith("##", i)) {
      const close = source.indexOf("\n", i);
      i = close === -1 ? source.length : close + 1;
      continue;
    }
    if (source[i] === "\\" && source[i + 1] === "#") {
      i += 2;
      continue;
    }
    if (source[i] === "#") {
      BLOCK_OPENING.lastIndex = i;
      const opening = BLOCK_OPENING.exec(source);
      if (opening) {
        open.push({ directive: opening[1], offset: i });
        i = BLOCK_OPENING.lastIndex;
        continue;
      }
      BLOCK_END.lastIndex = i;
      if (BLOCK_END.exec(source) && !/[A-Za-z0-9_]/.test(source[BLOCK_END.lastIndex] ?? "")) {
        if (!open.pop()) {
          const { line, column } = positionOf(source, i);
          throw new TemplateError(`#end at line ${line}, column ${column} closes no #if, #foreach, #macro or #define`, line, column);
        }
        i = BLOCK_END.lastIndex;
        continue;
      }
    }
    i++;
  }
  const unclosed = open.pop();
  if (unclosed) {
    const { line, column } = positionOf(source, unclosed.offset);
    throw new TemplateError(`#${unclosed.directive} at line ${line}, column ${column} has no #end`, line, column);
  }
}

interface JisonError {
  hash?: { loc?: { first_line?: number; first_column?: number } };
  message?: string;
}

/** Parses a template; a template that does not parse throws a TemplateError with its line and column. */
export function compileTemplate(source: string): CompiledTemplate {
  let asts: Asts;
  try {
    asts = parse(source);
  } catch (error) {
    const loc = (error as JisonError).hash?.loc;
    const line = loc?.first_line;
    const column = loc?.first_column === undefined ? undefined : loc.first_column + 1;
    const expecting = /Expecting (.*)$/m.exec((error as JisonError).message ?? "")?.[1];
    const where = line === undefined ? "" : ` at line ${line}${column === undefined ? "" : `, column ${column}`}`;
    throw new TemplateError(`the template does not parse${where}${expecting ? `: expecting ${expecting}` : ""}`, line, column);
  }
  checkBlocks(source);
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
