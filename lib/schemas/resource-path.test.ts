import { describe, expect, it } from "vitest";

import { duplicatePathParameters, joinPath, parsePathPart, pathParameters, pathPartProblem } from "./resource-path";

describe("path part grammar", () => {
  it.each(["pets", "v1.2", "a-b_c~d", "{petId}", "{proxy+}", "_x", "{_id}"])("accepts %s", (part) => {
    expect(pathPartProblem(part)).toBeNull();
  });

  it.each([
    ["", "must not be empty"],
    ["a/b", "must not contain '/'"],
    ["pets?", "may contain only"],
    ["pe ts", "may contain only"],
    ["{1id}", "path parameter must look like"],
    ["{id", "path parameter must look like"],
    ["{}", "path parameter must look like"],
    ["{a+b}", "path parameter must look like"],
    ["x".repeat(256), "at most 255"],
  ])("rejects %j with a message saying why", (part, reason) => {
    expect(pathPartProblem(part)).toContain(reason);
  });

  it("tells literal, variable and greedy parts apart", () => {
    expect(parsePathPart("pets")).toEqual({ kind: "literal", value: "pets" });
    expect(parsePathPart("{id}")).toEqual({ kind: "variable", name: "id" });
    expect(parsePathPart("{proxy+}")).toEqual({ kind: "greedy", name: "proxy" });
    expect(parsePathPart("")).toEqual({ kind: "root" });
  });
});

describe("paths", () => {
  it("joins a part under the root without a double slash", () => {
    expect(joinPath("/", "pets")).toBe("/pets");
    expect(joinPath("/pets", "{id}")).toBe("/pets/{id}");
  });

  it("lists a path's parameters outermost first, marking the greedy one", () => {
    expect(pathParameters("/pets/{petId}/toys/{proxy+}")).toEqual([
      { name: "petId", greedy: false },
      { name: "proxy", greedy: true },
    ]);
    expect(pathParameters("/")).toEqual([]);
  });

  it("finds a parameter name declared twice along a path", () => {
    expect(duplicatePathParameters("/a/{id}/b/{id}")).toEqual(["id"]);
    expect(duplicatePathParameters("/a/{id}/b/{proxy+}")).toEqual([]);
  });

  it("accepts literal text beside parameters, and reads their names, where a router can tell a value ended", () => {
    for (const part of ["{sid}.json", "{name}.{ext}", "{lat}-{lng}", "v{version}", "@{user}", "a:b", "a,b;c=d"])
      expect(pathPartProblem(part), part).toBeNull();
    for (const part of ["{a}{b}", "{a}x", "a{b}c", "a*b"]) expect(pathPartProblem(part), part).not.toBeNull();
    expect(pathParameters("/calls/{sid}.json/files/{name}.{ext}")).toEqual([
      { name: "sid", greedy: false },
      { name: "name", greedy: false },
      { name: "ext", greedy: false },
    ]);
  });
});
