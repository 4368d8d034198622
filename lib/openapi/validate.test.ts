import { describe, expect, it } from "vitest";
import { validateDocument } from "./validate";

const info = { title: "T", version: "1" };

function messages(document: unknown): string[] {
  return validateDocument(document).problems.map((problem) => problem.message);
}

describe("validateDocument", () => {
  it("accepts minimal documents of each supported version", () => {
    expect(validateDocument({ swagger: "2.0", info, paths: {} })).toEqual({ version: "2.0", problems: [], warnings: [] });
    expect(validateDocument({ openapi: "3.0.3", info, paths: {} })).toEqual({ version: "3.0", problems: [], warnings: [] });
    expect(validateDocument({ openapi: "3.1.0", info, paths: {} })).toEqual({ version: "3.1", problems: [], warnings: [] });
  });

  it("rejects Swagger 1.2 and unknown versions with a message naming the version", () => {
    expect(messages({ swagger: "1.2", info, paths: {} })[0]).toMatch(/Unrecognized Swagger version: 1\.2\. Expected 2\.0/);
    expect(messages({ openapi: "4.0.0", info, paths: {} })[0]).toMatch(/Unsupported OpenAPI version 4\.0\.0/);
  });

  it("rejects CloudFormation placeholders and says that they are placeholders", () => {
    const result = validateDocument({
      openapi: "3.0.1",
      info,
      paths: { "/a": { get: { "x-amazon-apigateway-integration": { uri: { "Fn::Sub": "arn:${AWS::Region}" } } } } },
    });
    expect(result.problems[0].pointer).toBe("/paths/~1a/get/x-amazon-apigateway-integration/uri");
    expect(result.problems[0].message).toMatch(/CloudFormation placeholder \(Fn::Sub\)/);
    expect(messages({ openapi: "3.0.1", info: { ...info, description: "in ${AWS::Region}" }, paths: {} })[0]).toMatch(
      /CloudFormation placeholder \(\$\{AWS::Region\}\)/,
    );
  });

  it("points a SAM template at its DefinitionBody", () => {
    const problem = validateDocument({
      Transform: "AWS::Serverless-2016-10-31",
      Resources: { Api: { Properties: { DefinitionBody: {} } } },
    }).problems[0];
    expect(problem.pointer).toBe("/Resources/Api/Properties/DefinitionBody");
    expect(problem.message).toMatch(/SAM template/);
  });

  it("rejects references to other files and warns about references to nothing, as AWS does", () => {
    const document = {
      openapi: "3.0.1",
      info,
      paths: {
        "/a": {
          post: {
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } } },
            parameters: [{ $ref: "common.yaml#/p" }],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    };
    const { problems, warnings } = validateDocument(document);
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringContaining("points outside this document")]);
    expect(warnings.map((warning) => warning.pointer)).toEqual(["/paths/~1a/post/requestBody/content/application~1json/schema/$ref"]);
    expect(warnings[0].message).toContain('"#/components/schemas/Missing" points to nothing');
  });

  it("accepts path placeholders left undeclared in every version (AWS declares them)", () => {
    const paths = { "/a/{id}": { get: { responses: { "200": { description: "ok" } } } } };
    expect(validateDocument({ openapi: "3.0.1", info, paths })).toMatchObject({ problems: [], warnings: [] });
    expect(validateDocument({ swagger: "2.0", info, paths })).toMatchObject({ problems: [], warnings: [] });
  });

  it("accepts response code ranges in OpenAPI 3 and warns about out-of-range codes", () => {
    const ok = { openapi: "3.0.1", info, paths: { "/a": { get: { responses: { "2XX": { description: "ok" } } } } } };
    expect(validateDocument(ok)).toMatchObject({ problems: [], warnings: [] });
    const bad = { swagger: "2.0", info, paths: { "/a": { get: { responses: { "888": { description: "no" } } } } } };
    const result = validateDocument(bad);
    expect(result.problems).toEqual([]);
    expect(result.warnings[0].message).toMatch(/invalid response code \(888\); the response is not imported/);
  });

  it("accepts what AWS imports although the schema refuses it: responses without a description, 2.0 parameters without a type", () => {
    const swagger = {
      swagger: "2.0",
      info,
      paths: {
        "/a": { get: { parameters: [{ name: "q", in: "query", required: true }], responses: { "200": { schema: { type: "object" } } } } },
      },
    };
    expect(validateDocument(swagger)).toMatchObject({ problems: [], warnings: [] });
    const openapi = { openapi: "3.0.3", info, paths: { "/a": { get: { responses: { "200": {} } } } } };
    expect(validateDocument(openapi)).toMatchObject({ problems: [], warnings: [] });
  });
});
