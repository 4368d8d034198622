import { describe, expect, it } from "vitest";
import type { ResourceNode } from "@/components/apis/resource-tree";
import { buildPreviewTree, overwriteLosses } from "./preview-tree";

const shape = (nodes: ResourceNode[]): unknown[] => nodes.map((node) => [node.path, node.methods, shape(node.children)]);

describe("buildPreviewTree", () => {
  it("adds the ancestors a document only implies, as the import creates them", () => {
    expect(shape(buildPreviewTree([{ path: "/pets/{petId}", methods: ["GET"] }]))).toEqual([
      ["/", [], [["/pets", [], [["/pets/{petId}", ["GET"], []]]]]],
    ]);
  });

  it("keeps the document's root methods on the root", () => {
    expect(shape(buildPreviewTree([{ path: "/", methods: ["GET"] }]))).toEqual([["/", ["GET"], []]]);
  });
});

describe("overwriteLosses", () => {
  const current = [
    { id: "1", parentId: null, pathPart: "", path: "/", methods: [] },
    { id: "2", parentId: "1", pathPart: "pets", path: "/pets", methods: ["GET", "POST"] },
    { id: "3", parentId: "2", pathPart: "{petId}", path: "/pets/{petId}", methods: ["GET"] },
    { id: "4", parentId: "1", pathPart: "users", path: "/users", methods: ["GET"] },
  ];

  it("lists the resources and methods the document does not define", () => {
    expect(overwriteLosses(current, [{ path: "/pets/{petId}", methods: ["GET", "DELETE"] }])).toEqual({
      resources: ["/users"],
      methods: ["GET /pets", "POST /pets", "GET /users"],
    });
  });

  it("lists nothing when the document covers the API", () => {
    expect(
      overwriteLosses(current, [
        { path: "/pets", methods: ["GET", "POST"] },
        { path: "/pets/{petId}", methods: ["GET"] },
        { path: "/users", methods: ["GET"] },
      ]),
    ).toEqual({ resources: [], methods: [] });
  });
});
