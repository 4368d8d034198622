import "server-only";

import { ApiError } from "@/lib/errors/api-error";
import { Prisma } from "@/lib/server/db";

// The database is the last line of defence for integrity rules (unique
// indexes, CHECK constraints, foreign keys): the domain functions check the
// same rules first to give precise messages, but two concurrent requests can
// both pass those checks. This turns what the database then refuses into the
// same kind of answer a person would have got from the checks.

type ConstraintInfo = { field: string; message: string };

/** Unique indexes by name, in the words of someone using the API. */
const UNIQUE_CONSTRAINTS: Record<string, ConstraintInfo> = {
  Resource_parentId_pathPart_key: {
    field: "pathPart",
    message: "A sibling resource already has this path part; choose another one",
  },
  Resource_apiId_path_key: { field: "pathPart", message: "A resource with this path already exists in the API" },
  Resource_variableParentId_key: {
    field: "pathPart",
    message: "A sibling resource already has a variable path part; a parent can have only one {parameter} child",
  },
  Method_resourceId_httpMethod_key: {
    field: "httpMethod",
    message: "The resource already has a method with this verb; update that method instead",
  },
  Model_apiId_name_key: { field: "name", message: "A model with this name already exists in the API" },
  Integration_methodId_key: { field: "integration", message: "The method already has an integration" },
};

/** CHECK constraints by name: the field they guard. */
const CHECK_CONSTRAINTS: Record<string, string> = {
  Api_name_check: "name",
  Resource_pathPart_check: "pathPart",
  Resource_path_check: "pathPart",
  Resource_variableParentId_check: "pathPart",
  Method_httpMethod_check: "httpMethod",
  Integration_timeoutMs_check: "integration.timeoutMs",
  Integration_httpMethod_check: "integration.httpMethod",
  Model_name_check: "name",
};

type DriverCause = {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  constraint?: { index?: string; fields?: string[] };
};

function driverCause(meta: Record<string, unknown> | undefined): DriverCause | undefined {
  const adapterError = meta?.driverAdapterError;
  if (typeof adapterError !== "object" || adapterError === null) return undefined;
  const cause = (adapterError as { cause?: unknown }).cause;
  return typeof cause === "object" && cause !== null ? cause : undefined;
}

function constraintName(cause: DriverCause | undefined, message: string | undefined): string | undefined {
  if (cause?.constraint?.index) return cause.constraint.index;
  return message?.match(/constraint "([^"]+)"/)?.[1];
}

function uniqueViolation(error: Prisma.PrismaClientKnownRequestError): ApiError {
  const cause = driverCause(error.meta);
  const name = constraintName(cause, cause?.originalMessage);
  const known = name ? UNIQUE_CONSTRAINTS[name] : undefined;
  if (known) return new ApiError("conflict", known.message, [{ path: known.field, message: known.message }]);
  const target = error.meta?.target;
  const fields = cause?.constraint?.fields ?? (Array.isArray(target) ? target.map(String) : typeof target === "string" ? [target] : []);
  const described = fields.length > 0 ? fields.join(", ") : "these values";
  const message = `Another record already has the same ${described}; choose different values`;
  return new ApiError(
    "conflict",
    message,
    fields.map((field) => ({ path: field, message })),
  );
}

function checkViolation(cause: DriverCause): ApiError {
  const name = constraintName(cause, cause.originalMessage);
  const field = (name && CHECK_CONSTRAINTS[name]) ?? "";
  const message = field
    ? `${field} has a value the database does not accept (rule ${name}); correct it and try again`
    : "A value is outside what the database accepts; correct the request and try again";
  return new ApiError("validation_failed", message, [{ path: field, message }]);
}

/** An ApiError for a database refusal the caller can act on; null for anything else (a real fault). */
export function translateDatabaseError(error: unknown): ApiError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const cause = driverCause(error.meta);
  switch (error.code) {
    case "P2002":
      return uniqueViolation(error);
    case "P2025": {
      const model = typeof error.meta?.modelName === "string" ? error.meta.modelName.toLowerCase() : "record";
      return new ApiError("not_found", `The ${model} does not exist; it may have just been deleted`);
    }
    case "P2003":
      return new ApiError(
        "conflict",
        "The request refers to something that does not exist (or no longer exists) in this API; reload and try again",
      );
    case "P2034":
      return new ApiError("conflict", "Another change to the same resources happened at the same moment; try again");
    case "P2000":
      return new ApiError("validation_failed", "A value is longer than its field allows; shorten it and try again");
  }
  if (cause?.originalCode === "23514") return checkViolation(cause);
  if (cause?.originalCode === "23503") {
    return new ApiError(
      "conflict",
      "The request refers to something that does not exist (or no longer exists) in this API; reload and try again",
    );
  }
  return null;
}
