import { parse } from "velocityjs";

// The syntax rule of mapping templates, shared by the console (which refuses
// a deployment naming the method, line and column) and the gateway (which
// compiles the template): Velocity as velocityjs reads it, with the blocks
// balanced as the JVM's Velocity requires.

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based, where the parser stopped. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "TemplateSyntaxError";
  }
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
          throw new TemplateSyntaxError(`#end at line ${line}, column ${column} closes no #if, #foreach, #macro or #define`, line, column);
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
    throw new TemplateSyntaxError(`#${unclosed.directive} at line ${line}, column ${column} has no #end`, line, column);
  }
}

interface JisonError {
  hash?: { loc?: { first_line?: number; first_column?: number } };
  message?: string;
}

/** Parses a template; one that does not parse throws a TemplateSyntaxError with its line and column. */
export function parseTemplate(source: string): ReturnType<typeof parse> {
  let asts: ReturnType<typeof parse>;
  try {
    asts = parse(source);
  } catch (error) {
    const loc = (error as JisonError).hash?.loc;
    const line = loc?.first_line;
    const column = loc?.first_column === undefined ? undefined : loc.first_column + 1;
    const expecting = /Expecting (.*)$/m.exec((error as JisonError).message ?? "")?.[1];
    const where = line === undefined ? "" : ` at line ${line}${column === undefined ? "" : `, column ${column}`}`;
    throw new TemplateSyntaxError(`the template does not parse${where}${expecting ? `: expecting ${expecting}` : ""}`, line, column);
  }
  checkBlocks(source);
  return asts;
}
