import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportDefinition, serializeDocument, type ExportFormat } from "./export";
import { importOpenApiText, warningsOf } from "./import";
import { apiDefinitionSchema } from "./model";
import { DocumentRejectedError } from "./problems";
import { CORPUS } from "@/test/support/openapi/corpus-expectations";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/openapi/", import.meta.url));

interface ExpectedError {
  valid: boolean;
  expected: string | null;
}
const expectedErrors = JSON.parse(readFileSync(FIXTURES + "EXPECTED_ERRORS.json", "utf8")) as Record<string, ExpectedError>;

function read(file: string): string {
  return readFileSync(FIXTURES + file, "utf8");
}

function rejection(file: string, failOnWarnings = false): DocumentRejectedError {
  try {
    importOpenApiText(read(file), { failOnWarnings });
  } catch (error) {
    if (error instanceof DocumentRejectedError) return error;
    throw error;
  }
  throw new Error(`${file} was imported but should have been rejected`);
}

const entries = Object.entries(CORPUS);
const valid = entries.filter(([, expectation]) => expectation.valid).map(([file]) => file);
const invalid = entries.filter(([, expectation]) => !expectation.valid);

describe("the OpenAPI corpus", () => {
  it("lists every fixture file with an expectation", async () => {
    const { readdirSync, statSync } = await import("node:fs");
    const walk = (dir: string): string[] =>
      readdirSync(FIXTURES + dir).flatMap((name) => {
        const path = dir ? `${dir}/${name}` : name;
        return statSync(FIXTURES + path).isDirectory() ? walk(path) : [path];
      });
    const files = walk("").filter((file) => file !== "README.md" && file !== "EXPECTED_ERRORS.json");
    expect(files.sort()).toEqual(Object.keys(CORPUS).sort());
  });

  it.each(invalid)("rejects %s with a message naming the problem and where it is", (file, expectation) => {
    const error = rejection(file);
    expect(error.problems.length).toBeGreaterThan(0);
    if (!expectation.valid) expect(error.problems[0].message).toMatch(expectation.error);
    // Every problem is placed: a line and column, or at least a JSON pointer.
    for (const problem of error.problems) {
      expect(problem.line !== undefined || problem.pointer !== undefined).toBe(true);
    }
  });

  it.each(Object.entries(expectedErrors))("agrees with the source project about %s", (file, entry) => {
    const expectation = CORPUS[file];
    if (entry.valid) {
      expect(expectation).toMatchObject({ valid: true });
      return;
    }
    // Where AWS imports what the source project refuses, Portico follows AWS, and the expectation says why.
    if (expectation.valid && expectation.awsAccepts) {
      expect(warningsOf(importOpenApiText(read(file)).report)).toEqual([]);
      return;
    }
    // A warning: imported without the broken part, refused with failOnWarnings.
    const messages = rejection(file, expectation.valid).problems.map((problem) => problem.message);
    // swagger-parser's "Validation failed. <detail>" messages: the detail must be ours too.
    const detail = entry.expected?.match(/^Validation failed\. (.+)$/)?.[1];
    if (detail) expect(messages.join("\n")).toContain(detail.replace(/\.$/, ""));
  });

  it.each(valid)("imports %s into a valid API definition", (file) => {
    const expectation = CORPUS[file];
    const { definition, report, version } = importOpenApiText(read(file));
    expect(apiDefinitionSchema.safeParse(definition).success).toBe(true);
    if (expectation.valid) {
      expect(version).toBe(expectation.version);
      expect(definition.resources.reduce((count, resource) => count + resource.methods.length, 0)).toBe(expectation.methods);
    }
    for (const entry of report) expect(entry.pointer === "" || entry.pointer.startsWith("/")).toBe(true);
    const warnings = warningsOf(report);
    if (expectation.valid && expectation.warning) {
      expect(warnings[0]?.message).toMatch(expectation.warning);
    } else {
      expect(warnings).toEqual([]);
    }
    // Every warning says where it is: a pointer, and the line and column it names.
    for (const warning of warnings) expect(warning.line, warning.pointer).toBeGreaterThan(0);
  });

  const withWarnings = valid.filter((file) => {
    const expectation = CORPUS[file];
    return expectation.valid && expectation.warning !== undefined;
  });
  it.each(withWarnings)("rejects %s with failOnWarnings, each warning a located problem", (file) => {
    const expectation = CORPUS[file];
    const error = rejection(file, true);
    if (expectation.valid && expectation.warning) expect(error.problems[0].message).toMatch(expectation.warning);
    expect(error.message).toMatch(/failOnWarnings/);
    for (const problem of error.problems) {
      expect(problem.pointer).toBeDefined();
      expect(problem.line).toBeGreaterThan(0);
    }
  });

  const formats: ExportFormat[] = ["oas30", "oas31", "swagger2"];
  it.each(valid)("round-trips %s through every export format with AWS extensions", (file) => {
    const first = importOpenApiText(read(file)).definition;
    formats.forEach((format, index) => {
      const text = serializeDocument(exportDefinition(first, { format, extensions: "aws" }), index === 1 ? "json" : "yaml");
      const second = importOpenApiText(text).definition;
      expect(JSON.parse(JSON.stringify(second)), `${format}`).toEqual(JSON.parse(JSON.stringify(first)));
    });
  });

  it.each(valid)("exports %s without AWS extensions as a document that validates", (file) => {
    const definition = importOpenApiText(read(file)).definition;
    for (const format of formats) {
      expect(() =>
        importOpenApiText(serializeDocument(exportDefinition(definition, { format, extensions: "none" }), "json")),
      ).not.toThrow();
    }
  });
});
