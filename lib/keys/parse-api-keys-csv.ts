import { parse } from "csv-parse/sync";

import { API_KEY_PREFIX, isWellFormedApiKey } from "./api-key-format";

/**
 * Reads an API key import file in API Gateway's ImportApiKeys CSV format:
 * a header naming the columns `name`, `key`, `description`, `enabled` and
 * `usageplanIds` (any order, any case; `key` and `name` required), then one
 * key per line. `usageplanIds` may hold several ids separated by commas,
 * semicolons or spaces (quote the field when it contains commas).
 *
 * Each line is checked on its own and reported by its line number; rules
 * that need the database (plan ids exist, key not already stored) are
 * checked by the caller.
 */

export const MAX_IMPORT_LINES = 10_000;
/** API Gateway requires imported keys of at least 20 characters; shorter ones are guessable. */
export const MIN_IMPORTED_KEY_LENGTH = 20;
export const MAX_IMPORTED_KEY_LENGTH = 128;

export type CsvKeyRow = {
  line: number;
  name: string;
  key: string;
  description: string;
  enabled: boolean;
  usagePlanIds: string[];
};

export type CsvLineProblem = { line: number; message: string };

export type ParsedKeysCsv = { rows: CsvKeyRow[]; problems: CsvLineProblem[] };

export class KeysCsvError extends Error {}

const COLUMNS = ["name", "key", "description", "enabled", "usageplanids"] as const;
type Column = (typeof COLUMNS)[number];
// Printable ASCII without spaces: keys travel in an HTTP header.
const KEY_CHARACTERS = /^[\x21-\x7E]+$/;

function readHeader(header: string[]): Map<Column, number> {
  const positions = new Map<Column, number>();
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === "") return;
    if (!(COLUMNS as readonly string[]).includes(name)) {
      throw new KeysCsvError(`Line 1: unknown column '${raw.trim()}'; the columns are name, key, description, enabled and usageplanIds.`);
    }
    if (positions.has(name as Column)) throw new KeysCsvError(`Line 1: column '${raw.trim()}' appears twice; keep one.`);
    positions.set(name as Column, index);
  });
  for (const required of ["key", "name"] as const) {
    if (!positions.has(required)) {
      throw new KeysCsvError(
        `Line 1: the header has no '${required}' column; start the file with a header such as name,key,description,enabled,usageplanIds.`,
      );
    }
  }
  return positions;
}

function checkKey(key: string): string | null {
  if (key === "") return "the key is empty";
  if (key.length < MIN_IMPORTED_KEY_LENGTH || key.length > MAX_IMPORTED_KEY_LENGTH) {
    return `the key has ${key.length} characters; imported keys need ${MIN_IMPORTED_KEY_LENGTH} to ${MAX_IMPORTED_KEY_LENGTH}`;
  }
  if (!KEY_CHARACTERS.test(key)) return "the key may only contain printable ASCII characters without spaces";
  if (key.startsWith(API_KEY_PREFIX) && !isWellFormedApiKey(key)) {
    return `the key starts with ${API_KEY_PREFIX} but its checksum does not match: it was probably mistyped or cut short`;
  }
  return null;
}

function parseEnabled(value: string): boolean | null {
  const normalized = value.trim().toLowerCase();
  if (normalized === "" || normalized === "true") return true;
  if (normalized === "false") return false;
  return null;
}

export function parseApiKeysCsv(text: string): ParsedKeysCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new KeysCsvError(
      `${line ? `Line ${line}: ` : ""}the file is not valid CSV (${(error as Error).message.split("\n")[0]}); fix the quoting and try again.`,
    );
  }
  const [header, ...body] = records;
  if (header === undefined) throw new KeysCsvError("The file is empty; send a header line and one line per key.");
  if (body.length > MAX_IMPORT_LINES) {
    throw new KeysCsvError(`The file has ${body.length} keys; import at most ${MAX_IMPORT_LINES} at a time.`);
  }
  const columns = readHeader(header.record);
  const cell = (record: string[], column: Column) => {
    const index = columns.get(column);
    return index === undefined ? "" : (record[index] ?? "").trim();
  };

  const rows: CsvKeyRow[] = [];
  const problems: CsvLineProblem[] = [];
  const seenKeys = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const key = cell(record, "key");
    const name = cell(record, "name");
    const description = cell(record, "description");
    const enabled = parseEnabled(cell(record, "enabled"));
    const lineProblems: string[] = [];
    const keyProblem = checkKey(key);
    if (keyProblem !== null) lineProblems.push(keyProblem);
    if (name === "") lineProblems.push("the name is empty");
    else if (name.length > 128) lineProblems.push("the name is longer than 128 characters");
    if (description.length > 1024) lineProblems.push("the description is longer than 1024 characters");
    if (enabled === null) lineProblems.push("enabled must be true, false or empty");
    const usagePlanIds = [
      ...new Set(
        cell(record, "usageplanids")
          .split(/[\s,;]+/)
          .filter((id) => id !== ""),
      ),
    ];
    if (keyProblem === null) {
      const first = seenKeys.get(key);
      if (first !== undefined) lineProblems.push(`the same key is already on line ${first}`);
      else seenKeys.set(key, line);
    }
    if (lineProblems.length > 0) {
      problems.push({ line, message: lineProblems.join("; ") });
      continue;
    }
    rows.push({ line, name, key, description, enabled: enabled ?? true, usagePlanIds });
  }
  return { rows, problems };
}
