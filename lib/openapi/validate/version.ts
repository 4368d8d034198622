import type { DocumentProblem } from "../problems";
import { describeTemplate } from "./cloudformation";
import { isRecord } from "../pointer";

export type SpecVersion = "2.0" | "3.0" | "3.1";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** The specification version a document declares, or why it names none Portico imports. */
export function detectVersion(document: unknown): { version: SpecVersion } | { problem: DocumentProblem } {
  if (!isRecord(document)) {
    return {
      problem: {
        pointer: "",
        message:
          "The document is not an OpenAPI or Swagger document: its top level must be a mapping (an object), with an `openapi` or `swagger` field.",
      },
    };
  }
  const template = describeTemplate(document);
  if (template) return { problem: template };
  if (isRecord(document.info) && typeof document.info.version === "number") {
    return {
      problem: {
        pointer: "/info/version",
        message: 'API version number must be a string (e.g. "1.0.0") not a number. Quote it in the document.',
      },
    };
  }
  if ("swagger" in document) {
    const swagger = document.swagger;
    if (typeof swagger === "number") {
      return {
        problem: {
          pointer: "/swagger",
          message: 'Swagger version number must be a string (e.g. "2.0") not a number. Write swagger: "2.0".',
        },
      };
    }
    if (swagger === "2.0") return { version: "2.0" };
    return {
      problem: {
        pointer: "/swagger",
        message: `Unrecognized Swagger version: ${String(swagger)}. Expected 2.0. ${
          String(swagger).startsWith("1.")
            ? "Swagger 1.x documents must be converted to Swagger 2.0 or OpenAPI 3 first."
            : "OpenAPI 3 documents declare their version in an `openapi` field instead."
        }`,
      },
    };
  }
  if ("openapi" in document) {
    const openapi = document.openapi;
    if (typeof openapi !== "string") {
      return {
        problem: {
          pointer: "/openapi",
          message: 'The OpenAPI version must be a string such as "3.0.3" or "3.1.0", not a number. Quote it.',
        },
      };
    }
    if (openapi.startsWith("3.0")) return { version: "3.0" };
    if (openapi.startsWith("3.1")) return { version: "3.1" };
    return {
      problem: {
        pointer: "/openapi",
        message: `Unsupported OpenAPI version ${openapi}: Portico imports OpenAPI 3.0.x and 3.1.x, and Swagger 2.0 (declared as swagger: "2.0").`,
      },
    };
  }
  return {
    problem: {
      pointer: "",
      message: "The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swagger` field.",
    },
  };
}
