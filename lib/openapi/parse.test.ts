import { describe, expect, it } from "vitest";
import { parseSource } from "./parse";
import { DocumentRejectedError } from "./problems";

function syntaxProblem(text: string) {
  try {
    parseSource(text);
  } catch (error) {
    if (error instanceof DocumentRejectedError) return error.problems[0];
    throw error;
  }
  throw new Error("expected a syntax error");
}

describe("parseSource", () => {
  it("reads JSON and YAML into the same document", () => {
    const json = parseSource('{"openapi": "3.0.0", "paths": {"/a": {}}}');
    const yaml = parseSource("openapi: 3.0.0\npaths:\n  /a: {}\n");
    expect(json.format).toBe("json");
    expect(yaml.format).toBe("yaml");
    expect(yaml.document).toEqual(json.document);
  });

  it("keeps YAML dates and versions as strings so that info.version is not turned into a Date", () => {
    const { document } = parseSource("info:\n  version: 2020-01-01\n");
    expect(document).toEqual({ info: { version: "2020-01-01" } });
  });

  it("reports a JSON syntax error with line and column", () => {
    const problem = syntaxProblem('{\n  "a": 1,\n  "b": }\n');
    expect(problem).toMatchObject({ line: 3, column: 8 });
    expect(problem.message).toMatch(/not valid JSON.*line 3, column 8/);
  });

  it("reports a YAML syntax error with line and column", () => {
    const problem = syntaxProblem("openapi: 3.0.0\ninfo:\n  title: x\n   bad: indentation: here\n");
    expect(problem.message).toMatch(/not valid YAML/);
    expect(problem.line).toBe(4);
    expect(problem.column).toBeGreaterThan(0);
  });

  it("rejects duplicate YAML keys instead of silently keeping the last one", () => {
    expect(syntaxProblem("a: 1\na: 2\n").message).toMatch(/duplicat/i);
  });

  it("rejects an empty document with a message saying what to provide", () => {
    expect(syntaxProblem("   \n").message).toMatch(/empty/);
  });

  it("locates JSON pointers in YAML, including escaped path keys and sequence items", () => {
    const source = parseSource(
      "openapi: 3.0.0\npaths:\n  /pets/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n",
    );
    expect(source.locate("/paths/~1pets~1{id}/get")).toEqual({ line: 4, column: 5 });
    expect(source.locate("/paths/~1pets~1{id}/get/parameters/0")).toEqual({ line: 6, column: 11 });
    expect(source.locate("/paths/~1pets~1{id}/get/parameters/0/in")).toEqual({ line: 7, column: 11 });
    // A missing property is placed on its nearest existing ancestor.
    expect(source.locate("/paths/~1pets~1{id}/get/responses")).toEqual({ line: 4, column: 5 });
  });

  it("locates JSON pointers in JSON", () => {
    const source = parseSource('{\n  "paths": {\n    "/a/b": {\n      "get": {}\n    }\n  }\n}');
    expect(source.locate("/paths/~1a~1b/get")).toEqual({ line: 4, column: 7 });
  });
});
