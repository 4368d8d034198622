import { describe, expect, it } from "vitest";

import { integrationUriProblem, uriPathParameterProblem, uriPathParameters, uriStageVariables } from "./integration-uri";

describe("integration URI templates", () => {
  it.each([
    "https://petstore.example.com/pets/{petId}",
    "http://127.0.0.1:4010/{proxy}",
    "http://127.0.0.1:4010/{proxy+}",
    "https://${stageVariables.host}/pets",
    "https://api.example.com/${stageVariables.version}/pets?x={petId}",
  ])("accepts %s", (uri) => {
    expect(integrationUriProblem(uri)).toBeNull();
  });

  it.each([
    ["/pets", "absolute http"],
    ["ftp://example.com/x", "absolute http"],
    ["https://example.com/{pet-id}", "malformed placeholder"],
    ["https://example.com/${stage.x}", "malformed placeholder"],
    ["https://user:secret@example.com/", "credentials"],
    ["https://example.com/#top", "fragment"],
    ["https://", "not a valid URL"],
  ])("rejects %s", (uri, reason) => {
    expect(integrationUriProblem(uri)).toContain(reason);
  });

  it("reads path parameters and stage variables separately", () => {
    const uri = "https://${stageVariables.host}/pets/{petId}/{proxy+}";
    expect(uriPathParameters(uri)).toEqual(["petId", "proxy"]);
    expect(uriStageVariables(uri)).toEqual(["host"]);
  });

  it("names the placeholders the resource path does not declare", () => {
    expect(uriPathParameterProblem("https://x/{petId}", "/pets/{petId}")).toBeNull();
    expect(uriPathParameterProblem("https://x/{proxy}", "/files/{proxy+}")).toBeNull();
    expect(uriPathParameterProblem("https://x/{id}", "/pets/{petId}")).toContain("{id}");
  });
});
