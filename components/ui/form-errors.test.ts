import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/lib/api-client";
import { formErrorsFromFailure } from "./form-errors";

const invalid = new ApiError({
  status: 422,
  code: "validation_failed",
  message: "The request has invalid fields.",
  details: [
    { path: "name", message: "Name is required" },
    { path: "apiStages.0.stage", message: "Stage does not exist" },
  ],
});

describe("formErrorsFromFailure", () => {
  it("puts the server's field messages under their fields and keeps its summary for fields the form does not show", () => {
    expect(formErrorsFromFailure(invalid, { fallback: "Could not save." })).toEqual({
      errors: { name: "Name is required", "apiStages.0.stage": "Stage does not exist" },
      formError: "The request has invalid fields.",
    });
  });

  it("puts every message about the input on the only field of a one-field form", () => {
    expect(formErrorsFromFailure(invalid, { fallback: "x", field: "pathPart" })).toEqual({
      errors: { pathPart: "Name is required" },
      formError: null,
    });
    const ownField = new ApiError({ status: 422, code: "v", message: "m", details: [{ path: "pathPart", message: "Bad segment" }] });
    expect(formErrorsFromFailure(ownField, { fallback: "x", field: "pathPart" }).errors).toEqual({ pathPart: "Bad segment" });
  });

  it("shows a conflict under the field that caused it", () => {
    const conflict = new ApiError({ status: 409, code: "conflict", message: "GET already exists on /pets" });
    expect(formErrorsFromFailure(conflict, { fallback: "x", conflictField: "httpMethod" })).toEqual({
      errors: { httpMethod: "GET already exists on /pets" },
      formError: null,
    });
    expect(formErrorsFromFailure(conflict, { fallback: "x", field: "pathPart" }).errors).toEqual({
      pathPart: "GET already exists on /pets",
    });
  });

  it("shows any other failure above the buttons, with the fallback when it has no message", () => {
    const down = new ApiError({ status: 0, code: "network_error", message: "Could not reach the Portico server." });
    expect(formErrorsFromFailure(down, { fallback: "Could not save." })).toEqual({
      errors: {},
      formError: "Could not reach the Portico server.",
    });
    expect(formErrorsFromFailure("boom", { fallback: "Could not save." })).toEqual({ errors: {}, formError: "Could not save." });
    const conflictWithoutField = new ApiError({ status: 409, code: "conflict", message: "Taken" });
    expect(formErrorsFromFailure(conflictWithoutField, { fallback: "x" })).toEqual({ errors: {}, formError: "Taken" });
  });
});
