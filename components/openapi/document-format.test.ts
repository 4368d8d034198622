import { describe, expect, it } from "vitest";
import { isDocumentRejectedError } from "@/lib/openapi/problems";
import { formatDocument } from "./document-format";

describe("formatDocument", () => {
  it("re-indents YAML and keeps its comments and quoting", () => {
    const text = "openapi: 3.0.3\ninfo:\n    # shown in the console\n    title:   Pets\n    version: '1'\n";
    expect(formatDocument(text, "yaml")).toBe("openapi: 3.0.3\ninfo:\n  # shown in the console\n  title: Pets\n  version: '1'\n");
  });

  it("converts YAML to JSON and back without changing the data", () => {
    const yaml = "openapi: 3.0.3\ninfo:\n  title: Pets\n  version: 2020-01-01\npaths: {}\n";
    const json = formatDocument(yaml, "json");
    expect(JSON.parse(json)).toEqual({ openapi: "3.0.3", info: { title: "Pets", version: "2020-01-01" }, paths: {} });
    expect(formatDocument(json, "yaml")).toContain("version: 2020-01-01");
    expect(JSON.parse(formatDocument(formatDocument(json, "yaml"), "json"))).toEqual(JSON.parse(json));
  });

  it("refuses to format text that does not parse, saying where, rather than dropping part of it", () => {
    expect(() => formatDocument("a: [1, 2\nb: 3\n", "yaml")).toThrow(/cannot be formatted until it parses/);
    try {
      formatDocument('{"a": }', "yaml");
      expect.unreachable();
    } catch (error) {
      expect(isDocumentRejectedError(error) && error.problems[0].line).toBe(1);
    }
  });
});
