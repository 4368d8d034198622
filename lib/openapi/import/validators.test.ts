import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportDefinition, serializeDocument, type ExportFormat } from "../export";
import type { ApiDefinition, MethodDefinition } from "../model";
import { importOpenApiText, warningsOf } from "./index";

const SAMPLE = readFileSync(
  fileURLToPath(new URL("../../../test/fixtures/aws-developer-guide/request-validation-sample.json", import.meta.url)),
  "utf8",
);
const FORMATS: ExportFormat[] = ["oas30", "oas31", "swagger2"];

function method(definition: ApiDefinition, verb: string, path: string): MethodDefinition {
  const found = definition.resources.find((resource) => resource.path === path)?.methods.find((candidate) => candidate.httpMethod === verb);
  if (!found) throw new Error(`${verb} ${path} was not imported`);
  return found;
}

function roundTrip(definition: ApiDefinition, format: ExportFormat): { document: Record<string, unknown>; again: ApiDefinition } {
  const document = exportDefinition(definition, { format, extensions: "aws" });
  return { document, again: importOpenApiText(serializeDocument(document, "json")).definition };
}

const minimal = (extra: Record<string, unknown>, operation: Record<string, unknown> = {}) =>
  JSON.stringify({
    openapi: "3.0.3",
    info: { title: "V", version: "1" },
    ...extra,
    paths: {
      "/items": {
        post: {
          parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }],
          requestBody: { content: { "application/json": { schema: { type: "object", required: ["id"] } } } },
          responses: { "201": { description: "created" } },
          ...operation,
        },
      },
    },
  });

describe("request validators, as AWS reads them", () => {
  it("applies the API-level validator to methods without their own and the method's own where it names one (AWS's sample)", () => {
    const { definition, report } = importOpenApiText(SAMPLE);
    expect(definition.requestValidators).toEqual({
      all: { validateRequestBody: true, validateRequestParameters: true },
      "params-only": { validateRequestBody: false, validateRequestParameters: true },
    });
    expect(definition.defaultRequestValidator).toBe("params-only");
    expect(method(definition, "GET", "/validation")).toMatchObject({ requestValidator: "PARAMS" });
    expect(method(definition, "GET", "/validation").requestValidatorName).toBeUndefined();
    expect(method(definition, "POST", "/validation")).toMatchObject({ requestValidator: "BODY_AND_PARAMS", requestValidatorName: "all" });
    expect(warningsOf(report)).toEqual([]);
  });

  it("validates nothing when the document sets no validator, whatever the methods declare", () => {
    const { definition, report } = importOpenApiText(minimal({}));
    expect(method(definition, "POST", "/items").requestValidator).toBe("NONE");
    expect(definition.requestValidators).toBeUndefined();
    expect(report.find((entry) => entry.feature === "request validation")?.message).toMatch(/requests are not validated/);
  });

  it("keeps validator names through export and import in every format, writing a validator only where one is set", () => {
    const { definition } = importOpenApiText(SAMPLE);
    for (const format of FORMATS) {
      const { document, again } = roundTrip(definition, format);
      expect(document["x-amazon-apigateway-request-validators"], format).toEqual(definition.requestValidators);
      expect(document["x-amazon-apigateway-request-validator"], format).toBe("params-only");
      const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
      expect(paths["/validation"].get["x-amazon-apigateway-request-validator"], format).toBeUndefined();
      expect(paths["/validation"].post["x-amazon-apigateway-request-validator"], format).toBe("all");
      expect(again.requestValidators, format).toEqual(definition.requestValidators);
      expect(again.defaultRequestValidator, format).toBe("params-only");
      expect(method(again, "POST", "/validation"), format).toMatchObject({
        requestValidator: "BODY_AND_PARAMS",
        requestValidatorName: "all",
      });
    }
  });

  it("exports no validators for an API that validates nothing, and names one as AWS's console does for validation set without a name", () => {
    const { definition } = importOpenApiText(minimal({}));
    expect(exportDefinition(definition, { format: "oas30", extensions: "aws" })).not.toHaveProperty(
      "x-amazon-apigateway-request-validators",
    );
    method(definition, "POST", "/items").requestValidator = "BODY";
    const { document, again } = roundTrip(definition, "oas30");
    expect(document["x-amazon-apigateway-request-validators"]).toEqual({
      "Validate body": { validateRequestBody: true, validateRequestParameters: false },
    });
    expect(method(again, "POST", "/items")).toMatchObject({ requestValidator: "BODY", requestValidatorName: "Validate body" });
  });

  it("warns about a validator name that names nothing, and leaves that method unvalidated", () => {
    const text = minimal(
      { "x-amazon-apigateway-request-validators": { basic: { validateRequestBody: true, validateRequestParameters: true } } },
      { "x-amazon-apigateway-request-validator": "strict" },
    );
    const { definition, report } = importOpenApiText(text);
    expect(method(definition, "POST", "/items").requestValidator).toBe("NONE");
    const [warning] = warningsOf(report);
    expect(warning).toMatchObject({ pointer: "/paths/~1items/post/x-amazon-apigateway-request-validator", line: 1 });
    expect(warning.message).toMatch(/No request validator is named "strict"/);
    expect(() => importOpenApiText(text, { failOnWarnings: true })).toThrow(/failOnWarnings/);
  });
});

describe("consumes and produces", () => {
  const swagger = JSON.stringify({
    swagger: "2.0",
    info: { title: "Media", version: "1" },
    consumes: ["application/xml"],
    produces: ["text/csv"],
    paths: {
      "/reports": {
        post: {
          parameters: [{ name: "body", in: "body", required: true, schema: { $ref: "#/definitions/Report" } }],
          responses: {
            "200": { description: "the report", schema: { $ref: "#/definitions/Report" } },
            "400": { description: "refused", schema: { $ref: "#/definitions/Problem" }, "x-portico-content-type": "application/json" },
          },
        },
      },
    },
    definitions: { Report: { type: "object" }, Problem: { type: "object" } },
  });

  it("reads the body's and each response's media type from consumes and produces", () => {
    const { definition } = importOpenApiText(swagger);
    const post = method(definition, "POST", "/reports");
    expect(post).toMatchObject({ requestModelName: "Report", requestContentType: "application/xml" });
    expect(post.responses["200"]).toEqual({ description: "the report", modelName: "Report", contentType: "text/csv" });
    expect(post.responses["400"]).toEqual({ description: "refused", modelName: "Problem" });
  });

  it("writes them back in every format, so the media types survive export and import", () => {
    const { definition } = importOpenApiText(swagger);
    for (const format of FORMATS) {
      const { document, again } = roundTrip(definition, format);
      expect(method(again, "POST", "/reports"), format).toEqual(method(definition, "POST", "/reports"));
      const post = (document.paths as Record<string, Record<string, Record<string, unknown>>>)["/reports"].post;
      if (format === "swagger2") {
        expect(post.consumes).toEqual(["application/xml"]);
        expect(post.produces).toEqual(["text/csv", "application/json"]);
      } else {
        expect(Object.keys((post.requestBody as { content: object }).content)).toEqual(["application/xml"]);
      }
    }
  });
});
