import type { LocatedProblem } from "./analysis";

/** The fields of a Monaco marker, without importing Monaco (this module runs in tests and workers too). */
export interface MarkerData {
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export interface TextLines {
  lineCount: number;
  /** 1-based. */
  lineContent(line: number): string;
}

/**
 * Turns problems into marker ranges. A problem names where a value or key
 * starts; underlining only that character is hard to see, so the range covers
 * the token there: a quoted string, a YAML key up to its colon, or a word.
 * Positions outside the text (the document changed since it was checked) are
 * clamped, so a marker never points nowhere.
 */
export function toMarkers(problems: LocatedProblem[], lines: TextLines): MarkerData[] {
  return problems.map((problem) => {
    const line = clamp(problem.line, 1, Math.max(1, lines.lineCount));
    const content = lines.lineContent(line);
    const { startColumn, endColumn } = tokenRange(content, problem.column);
    return { message: problem.message, startLineNumber: line, startColumn, endLineNumber: line, endColumn };
  });
}

const STOP = /[\s,:{}[\]]/;

export function tokenRange(content: string, column: number): { startColumn: number; endColumn: number } {
  const start = clamp(column, 1, content.length + 1);
  const index = start - 1;
  if (index >= content.length || content.trim() === "") {
    // Nothing to underline here (an empty line, or the end of one): mark the whole line's text instead.
    const first = content.search(/\S/);
    if (first === -1) return { startColumn: 1, endColumn: content.length + 2 };
    return { startColumn: first + 1, endColumn: content.trimEnd().length + 1 };
  }
  const quote = content[index];
  if (quote === '"' || quote === "'") {
    let end = index + 1;
    while (end < content.length && !(content[end] === quote && content[end - 1] !== "\\")) end++;
    return { startColumn: start, endColumn: Math.min(end + 1, content.length) + 1 };
  }
  let end = index;
  while (end < content.length && !isStop(content, end)) end++;
  // A stop character right at the position (a lone "{" or ":") still gets one character underlined.
  return { startColumn: start, endColumn: Math.max(end, index + 1) + 1 };
}

/** A colon ends a YAML key only when followed by a space or the end of the line ("http://x" is one token). */
function isStop(content: string, index: number): boolean {
  const char = content[index];
  if (char === ":") return index + 1 >= content.length || content[index + 1] === " ";
  return STOP.test(char);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
