import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { validateDocument } from "@/lib/openapi/validate";

import { PUBLIC_OPERATIONS } from "./access-paths";
import { getOpenApiDocument } from "./document";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const apiRoot = path.join(root, "app/api/v1");
const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    // The catch-all ([...path]) only answers unknown paths with a 404; it is no operation.
    if (entry.isDirectory()) return entry.name.startsWith("[...") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/apis/[apiId]/route.ts → /apis/{apiId} */
function documentedPath(file: string): string {
  const relative = path.relative(apiRoot, path.dirname(file)).split(path.sep).join("/");
  return `/${relative}`.replace(/\[([^\]]+)\]/g, "{$1}");
}

function exportedVerbs(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return VERBS.filter((verb) => new RegExp(`export\\s+(const|async function|function)\\s+${verb}\\b`).test(source));
}

describe("the OpenAPI document of /api/v1", () => {
  const document = getOpenApiDocument();
  // The catch-all answers 404 for paths that are not endpoints; it is not one.
  const files = routeFiles(apiRoot);

  it("finds the route handlers to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((file) => [path.relative(root, file), file]))("documents every handler of %s", (_name, file) => {
    const item = document.paths?.[documentedPath(file)];
    expect(item, `${documentedPath(file)} is missing from the document`).toBeDefined();
    for (const verb of exportedVerbs(file)) {
      const operation = item?.[verb.toLowerCase() as "get"];
      expect(operation, `${verb} ${documentedPath(file)} is missing`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {}).length).toBeGreaterThan(0);
    }
  });

  it("is OpenAPI 3.1 with reusable component schemas", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(["Api", "ResourceSummary", "Method", "Integration", "Model", "ErrorResponse"]),
    );
  });

  it("passes the official OpenAPI 3.1 schema and the semantic checks imports get", () => {
    const result = validateDocument(JSON.parse(JSON.stringify(document)));
    expect(result.version).toBe("3.1");
    expect(result.problems).toEqual([]);
  });

  it("gives every operation a unique operationId", () => {
    const ids = Object.values(document.paths ?? {}).flatMap((item) =>
      (["get", "post", "put", "patch", "delete"] as const).flatMap((verb) => (item[verb]?.operationId ? [item[verb]?.operationId] : [])),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents the cursor and limit parameters on every list that pages (answers nextCursor)", () => {
    const schemas = document.components?.schemas ?? {};
    const pages = new Set(
      Object.entries(schemas)
        .filter(([, schema]) => "nextCursor" in ((schema as { properties?: object }).properties ?? {}))
        .map(([name]) => name),
    );
    let lists = 0;
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const operation = item.get;
      const content = (operation?.responses?.["200"] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content;
      const ref = content?.["application/json"]?.schema?.$ref?.split("/").pop();
      if (ref === undefined || !pages.has(ref)) continue;
      lists++;
      const query = (operation?.parameters ?? []).flatMap((parameter) =>
        "in" in parameter && parameter.in === "query" ? [parameter.name] : [],
      );
      expect(query, `GET ${path}`).toEqual(expect.arrayContaining(["cursor", "limit"]));
    }
    expect(lists).toBeGreaterThanOrEqual(12);
  });

  it("describes the error shape on every operation", () => {
    for (const item of Object.values(document.paths ?? {})) {
      for (const verb of ["get", "post", "put", "patch", "delete"] as const) {
        const operation = item[verb];
        if (operation && operation.operationId !== "getOpenApiDocument") expect(operation.responses?.["500"]).toBeDefined();
      }
    }
  });
});

describe("the document's access rules", () => {
  const document = getOpenApiDocument();
  it("names only operations that exist as public, and marks them as needing no credentials", () => {
    for (const operation of PUBLIC_OPERATIONS) {
      const [verb, path] = operation.split(" ");
      const documented = document.paths?.[path]?.[verb.toLowerCase() as "get"];
      expect(documented, operation).toBeDefined();
      expect(documented?.security, operation).toEqual([]);
    }
  });

  it("documents 401 and 403 on every operation that takes credentials", () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const verb of ["get", "post", "put", "patch", "delete"] as const) {
        const operation = item[verb];
        if (!operation || PUBLIC_OPERATIONS.has(`${verb.toUpperCase()} ${path}`)) continue;
        expect(operation.responses?.["401"], `${verb} ${path}`).toBeDefined();
        expect(operation.responses?.["403"], `${verb} ${path}`).toBeDefined();
      }
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document as JSON", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = await GET(new Request("http://127.0.0.1/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(getOpenApiDocument())));
  });
});
