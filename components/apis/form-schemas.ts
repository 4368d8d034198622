import { createApiBodySchema } from "@/lib/schemas/api";
import { uriPathParameterProblem } from "@/lib/schemas/integration-uri";
import { createMethodBodySchema, MAX_INTEGRATION_TIMEOUT_MS, MIN_INTEGRATION_TIMEOUT_MS } from "@/lib/schemas/method";
import { updateResourceBodySchema } from "@/lib/schemas/resource";
import type { FieldErrors } from "@/components/lib/api-client";
import { validateFields } from "@/components/lib/zod-errors";
import type { MethodInput } from "./types";

// The console's forms check input with the same schemas as the API, so a
// message shown while typing is the one the server would give, under the
// same field. The server still validates everything again.

export const createApiFormSchema = createApiBodySchema;
export const createResourceFormSchema = updateResourceBodySchema;
export const methodFormSchema = createMethodBodySchema;

/**
 * Checks a method before saving. Besides the API's schema: number inputs that
 * hold no number get a message in words (not "expected number, received NaN"),
 * and URI placeholders must be parameters of this resource's path.
 */
export function validateMethodInput(input: MethodInput, resourcePath: string): FieldErrors {
  const errors = validateFields(methodFormSchema, input);
  const withAuthorizer =
    input.authorizationType === "JWT" || input.authorizationType === "COGNITO_USER_POOLS" || input.authorizationType === "CUSTOM";
  if (withAuthorizer && input.authorizerId === null) errors.authorizerId = "Choose the authorizer that checks callers";
  const integration = input.integration;
  if (integration.type === "MOCK") {
    if (!Number.isFinite(integration.mockResponse?.statusCode)) {
      errors["integration.mockResponse.statusCode"] = "statusCode must be a number from 100 to 599";
    }
  } else {
    if (!Number.isFinite(integration.timeoutMs)) {
      errors["integration.timeoutMs"] =
        `timeoutMs must be a whole number from ${MIN_INTEGRATION_TIMEOUT_MS} to ${MAX_INTEGRATION_TIMEOUT_MS}`;
    }
    const uri = integration.uri ?? "";
    if (uri !== "" && !errors["integration.uri"]) {
      const problem = uriPathParameterProblem(uri, resourcePath);
      if (problem) errors["integration.uri"] = problem;
    }
  }
  return errors;
}
