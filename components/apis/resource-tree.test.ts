import { describe, expect, it } from "vitest";
import { buildResourceTree, subtreeStats } from "./resource-tree";
import type { ResourceSummary } from "./types";

const resource = (id: string, parentId: string | null, pathPart: string, path: string, methods: string[] = []): ResourceSummary => ({
  id,
  parentId,
  pathPart,
  path,
  methods,
});

const flat = [
  resource("petId", "pets", "{petId}", "/pets/{petId}", ["GET", "DELETE"]),
  resource("root", null, "", "/", ["ANY"]),
  resource("pets", "root", "pets", "/pets", ["GET", "POST"]),
  resource("admin", "root", "admin", "/admin"),
  resource("photos", "petId", "photos", "/pets/{petId}/photos", ["GET"]),
];

describe("buildResourceTree", () => {
  it("nests every resource under its parent with its depth, whatever the input order", () => {
    const [root] = buildResourceTree(flat);
    expect(root.id).toBe("root");
    expect(root.children.map((child) => child.id)).toEqual(["admin", "pets"]);
    const pets = root.children[1];
    expect(pets.children[0].id).toBe("petId");
    expect(pets.children[0].children[0]).toMatchObject({ id: "photos", depth: 3 });
  });

  it("lists literal children before parameter children, as routes match", () => {
    const [root] = buildResourceTree([
      resource("root", null, "", "/"),
      resource("var", "root", "{id}", "/{id}"),
      resource("zoo", "root", "zoo", "/zoo"),
    ]);
    expect(root.children.map((child) => child.pathPart)).toEqual(["zoo", "{id}"]);
  });
});

describe("subtreeStats", () => {
  it("counts the descendants and every method a recursive delete removes", () => {
    expect(subtreeStats(flat, "pets")).toEqual({ descendants: 2, methods: 5 });
    expect(subtreeStats(flat, "admin")).toEqual({ descendants: 0, methods: 0 });
  });
});
