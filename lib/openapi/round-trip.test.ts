import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportDefinition, serializeDocument, type ExportFormat } from "./export";
import { importOpenApiText, warningsOf } from "./import";
import type { ApiDefinition } from "./model";
import { isRecord, parsePointer } from "./pointer";
import { HTTP_METHODS, resolveRef } from "./validate";
import { CORPUS } from "@/test/support/openapi/corpus-expectations";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/openapi/", import.meta.url));
const FORMATS: ExportFormat[] = ["oas30", "oas31", "swagger2"];
const AWS_INTEGRATION = "x-amazon-apigateway-integration";
const ANY = "x-amazon-apigateway-any-method";

function exported(definition: ApiDefinition, format: ExportFormat): Record<string, unknown> {
  // Through text, as a download would go.
  return JSON.parse(serializeDocument(exportDefinition(definition, { format, extensions: "aws" }), "json")) as Record<string, unknown>;
}

interface Operation {
  parameters: string[];
  integration: boolean;
}

/**
 * What a document says about each operation the import keeps: "GET /path"
 * with its path, query and header parameters (path-level ones merged, path
 * placeholders included) and whether it has an AWS integration.
 */
function operationsOf(document: Record<string, unknown>, skipped: ReadonlySet<string> = new Set()): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const paths = isRecord(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef(document, rawItem);
    if (!isRecord(item) || path.startsWith("x-") || skipped.has(`/paths/${path}`)) continue;
    for (const key of [...HTTP_METHODS, ANY]) {
      const operation = item[key];
      if (key === "trace" || !isRecord(operation) || skipped.has(`/paths/${path}/${key}`)) continue;
      const names = new Set<string>();
      for (const list of [item.parameters, operation.parameters]) {
        for (const raw of Array.isArray(list) ? list : []) {
          const parameter = resolveRef(document, raw);
          if (!isRecord(parameter)) continue;
          // A path parameter the path does not name is left out with a warning.
          if (parameter.in === "path" && !path.includes(`{${String(parameter.name)}}`)) continue;
          if (["path", "query", "header"].includes(String(parameter.in))) names.add(`${String(parameter.in)}:${String(parameter.name)}`);
        }
      }
      for (const placeholder of path.match(/\{[^}]+\}/g) ?? []) names.add(`path:${placeholder.slice(1, -1).replace(/\+$/, "")}`);
      const verb = key === ANY ? "ANY" : key.toUpperCase();
      operations.set(`${verb} ${path.length > 1 ? path.replace(/\/+$/, "") : path}`, {
        parameters: [...names].sort(),
        integration: isRecord(operation[AWS_INTEGRATION]),
      });
    }
  }
  return operations;
}

function schemaNames(document: Record<string, unknown>): string[] {
  const container = document.swagger ? document.definitions : isRecord(document.components) ? document.components.schemas : undefined;
  return isRecord(container) ? Object.keys(container).sort() : [];
}

/** The paths and operations the import left out with a warning, as "/paths/<path>[/<method>]". */
function skippedParts(report: ReturnType<typeof importOpenApiText>["report"]): Set<string> {
  const parts = new Set<string>();
  for (const warning of warningsOf(report)) {
    const segments = parsePointer(warning.pointer);
    if (segments[0] !== "paths" || segments.length < 2) continue;
    if (/the path( and its operations)? (is|are) not imported|this path is not imported|this one is not imported/i.test(warning.message))
      parts.add(`/paths/${segments[1]}`);
    if (segments.length >= 3 && /the operation is not imported/.test(warning.message)) parts.add(`/paths/${segments[1]}/${segments[2]}`);
  }
  return parts;
}

const valid = Object.entries(CORPUS)
  .filter(([, expectation]) => expectation.valid)
  .map(([file]) => file);

describe("export → import, every corpus document in every format", () => {
  it.each(valid)("%s comes back with its operations, parameters, schemas and integrations", (file) => {
    const text = readFileSync(FIXTURES + file, "utf8");
    const { definition, report, source } = importOpenApiText(text);
    const original = source.document as Record<string, unknown>;
    const expected = operationsOf(original, skippedParts(report));
    for (const format of FORMATS) {
      const document = exported(definition, format);
      // The document's own paths and parameter names, not the ones the import unified.
      expect(operationsOf(document), format).toEqual(expected);
      for (const name of schemaNames(original)) expect(schemaNames(document), `${format} ${name}`).toContain(name);
      const again = importOpenApiText(JSON.stringify(document)).definition;
      expect(JSON.parse(JSON.stringify(again)), format).toEqual(JSON.parse(JSON.stringify(definition)));
    }
  });
});

describe("schema references", () => {
  it("converts the references of properties named like keywords (example, default, enum, const)", () => {
    const text = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "K", version: "1" },
      paths: {},
      components: {
        schemas: {
          Tag: { type: "string" },
          Post: {
            type: "object",
            properties: {
              example: { $ref: "#/components/schemas/Tag" },
              default: { $ref: "#/components/schemas/Tag" },
              enum: { type: "array", items: { $ref: "#/components/schemas/Tag" } },
              const: { $ref: "#/components/schemas/Missing" },
            },
            example: { example: { $ref: "#/components/schemas/NotAReference" } },
          },
        },
      },
    });
    const { definition, report } = importOpenApiText(text);
    const post = definition.models.find((model) => model.name === "Post");
    expect(post?.schema.properties).toEqual({
      example: { $ref: "#/definitions/Tag" },
      default: { $ref: "#/definitions/Tag" },
      enum: { type: "array", items: { $ref: "#/definitions/Tag" } },
      // A property's reference to nothing is a warning, and a schema that accepts anything.
      const: {},
    });
    expect(post?.schema.example).toEqual({ example: { $ref: "#/components/schemas/NotAReference" } });
    expect(warningsOf(report).map((warning) => warning.pointer)).toEqual(["/components/schemas/Post/properties/const/$ref"]);
    for (const format of FORMATS) {
      const document = exported(definition, format);
      const container = (format === "swagger2" ? document.definitions : (document.components as Record<string, unknown>).schemas) as Record<
        string,
        { properties: Record<string, unknown> }
      >;
      const prefix = format === "swagger2" ? "#/definitions/" : "#/components/schemas/";
      expect(container.Post.properties.example, format).toEqual({ $ref: `${prefix}Tag` });
      expect(importOpenApiText(JSON.stringify(document)).definition.models, format).toEqual(definition.models);
    }
  });
});

describe("path variables named differently on sibling paths", () => {
  const twilioLike = JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Calls", version: "1" },
    paths: {
      "/calls/{Sid}": { get: { responses: { "200": { description: "a call" } } } },
      "/calls/{callSid}/events": {
        get: {
          parameters: [{ name: "callSid", in: "path", required: true, schema: { type: "string", pattern: "^CA" } }],
          responses: { "200": { description: "its events" } },
          [AWS_INTEGRATION]: {
            type: "http_proxy",
            httpMethod: "GET",
            uri: "http://127.0.0.1:9/calls/{callSid}/events",
            requestParameters: { "integration.request.path.callSid": "method.request.path.callSid" },
          },
        },
      },
    },
  });

  it("routes them under one name and writes the document's names back on export", () => {
    const { definition } = importOpenApiText(twilioLike);
    expect(definition.resources.map((resource) => resource.path)).toEqual(["/calls/{Sid}", "/calls/{Sid}/events"]);
    const events = definition.resources[1].methods[0];
    expect(events.requestParameters).toEqual([
      { in: "path", name: "Sid", originalName: "callSid", required: true, schema: { type: "string", pattern: "^CA" } },
    ]);
    expect(events.integration?.uri).toBe("http://127.0.0.1:9/calls/{Sid}/events");
    expect(events.integration?.requestParameters).toEqual({ "integration.request.path.callSid": "method.request.path.Sid" });
    for (const format of FORMATS) {
      const paths = exported(definition, format).paths as Record<string, Record<string, Record<string, unknown>>>;
      expect(Object.keys(paths), format).toEqual(["/calls/{Sid}", "/calls/{callSid}/events"]);
      const operation = paths["/calls/{callSid}/events"].get;
      expect(
        (operation.parameters as Array<{ name: string }>).map((parameter) => parameter.name),
        format,
      ).toEqual(["callSid"]);
      expect(operation[AWS_INTEGRATION], format).toMatchObject({
        uri: "http://127.0.0.1:9/calls/{callSid}/events",
        requestParameters: { "integration.request.path.callSid": "method.request.path.callSid" },
      });
    }
  });

  it("never gives a path the same variable twice, renaming both ways at once", () => {
    const text = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "P", version: "1" },
      paths: {
        "/p/{a}": { get: { responses: { "200": { description: "ok" } } } },
        "/p/{x}/q/{a}": {
          get: {
            responses: { "200": { description: "ok" } },
            [AWS_INTEGRATION]: { type: "http_proxy", httpMethod: "GET", uri: "http://127.0.0.1:9/{x}/{a}" },
          },
        },
      },
    });
    const { definition } = importOpenApiText(text);
    expect(definition.resources.map((resource) => resource.path)).toEqual(["/p/{a}", "/p/{a}/q/{a2}"]);
    const method = definition.resources[1].methods[0];
    expect(method.requestParameters.map((parameter) => [parameter.name, parameter.originalName])).toEqual([
      ["a", "x"],
      ["a2", "a"],
    ]);
    expect(method.integration?.uri).toBe("http://127.0.0.1:9/{a}/{a2}");
    const paths = exported(definition, "oas30").paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths)).toEqual(["/p/{a}", "/p/{x}/q/{a}"]);
    expect(paths["/p/{x}/q/{a}"].get[AWS_INTEGRATION]).toMatchObject({ uri: "http://127.0.0.1:9/{x}/{a}" });
  });

  it("leaves out, with a warning, a greedy variable where another path has a plain one", () => {
    const text = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "G", version: "1" },
      paths: {
        "/files/{id}": { get: { responses: { "200": { description: "ok" } } } },
        "/files/{proxy+}": { get: { responses: { "200": { description: "ok" } } } },
      },
    });
    const { definition, report } = importOpenApiText(text);
    expect(definition.resources.map((resource) => resource.path)).toEqual(["/files/{id}"]);
    expect(warningsOf(report)[0]).toMatchObject({ pointer: "/paths/~1files~1{proxy+}" });
    expect(warningsOf(report)[0].message).toMatch(/greedy and a plain variable/);
  });
});

describe("variables beside literal text on sibling paths", () => {
  it("unifies {Sid}.json and {CallSid}.json, which no router tells apart, and keeps {name}.{ext} beside {id}", () => {
    const ok = { responses: { "200": { description: "ok" } } };
    const text = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "Mixed", version: "1" },
      paths: {
        "/calls/{Sid}.json": { get: ok },
        "/calls/{CallSid}.json": { delete: ok },
        "/files/{name}.{ext}": { get: ok },
        "/files/{id}": { get: ok },
      },
    });
    const { definition, report } = importOpenApiText(text);
    expect(warningsOf(report)).toEqual([]);
    expect(definition.resources.map((resource) => resource.path)).toEqual(["/calls/{CallSid}.json", "/files/{id}", "/files/{name}.{ext}"]);
    const calls = definition.resources[0].methods.map((method) => [method.httpMethod, method.requestParameters[0]]);
    expect(calls).toEqual([
      ["DELETE", { in: "path", name: "CallSid", required: true }],
      ["GET", { in: "path", name: "CallSid", originalName: "Sid", required: true }],
    ]);
    const paths = exported(definition, "oas31").paths as Record<string, unknown>;
    expect(Object.keys(paths).sort()).toEqual(["/calls/{CallSid}.json", "/calls/{Sid}.json", "/files/{id}", "/files/{name}.{ext}"]);
  });
});
