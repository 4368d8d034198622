import { z } from "zod";

// Client-side checks for the console's forms. They give instant feedback;
// the server validates again and its 422 details land under the same fields.

export const createApiFormSchema = z.object({
  name: z.string().min(1, "Name is required.").max(128, "Name must be at most 128 characters."),
  description: z.string().max(1024, "Description must be at most 1024 characters.").optional(),
});

const LITERAL_PART = /^[A-Za-z0-9._~\-]+$/;
const VARIABLE_PART = /^\{[A-Za-z_][A-Za-z0-9_]*\+?\}$/;

export const pathPartSchema = z
  .string()
  .min(1, "Path part is required.")
  .max(255, "Path part must be at most 255 characters.")
  .refine((value) => !value.includes("/"), "Enter one path segment without “/”; create nested resources one level at a time.")
  .refine(
    (value) => LITERAL_PART.test(value) || VARIABLE_PART.test(value) || value.includes("/"),
    "Use letters, digits, “-”, “_”, “.” or “~”, or a parameter such as {petId} or {proxy+}.",
  );

export const createResourceFormSchema = z.object({ pathPart: pathPartSchema });

const PARAMETER_NAME = /^[A-Za-z0-9._\-]+$/;

const requestParameterSchema = z.object({
  in: z.enum(["path", "querystring", "header"]),
  name: z
    .string()
    .min(1, "Parameter name is required.")
    .regex(PARAMETER_NAME, "Use letters, digits, “.”, “_” or “-” in parameter names."),
  required: z.boolean(),
});

/** Placeholders are only known at request time; check the rest of the URI as a URL. */
function isHttpUriTemplate(uri: string): boolean {
  const sample = uri.replace(/\$\{stageVariables\.[A-Za-z0-9_]+\}/g, "stage").replace(/\{[A-Za-z0-9_.+-]+\}/g, "param");
  try {
    const url = new URL(sample);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const httpIntegrationSchema = z.object({
  type: z.enum(["HTTP_PROXY", "HTTP"]),
  httpMethod: z.string().optional(),
  uri: z
    .string()
    .min(1, "Endpoint URI is required for HTTP integrations.")
    .refine(isHttpUriTemplate, "Enter an absolute http:// or https:// URL, e.g. http://pets.internal:8080/pets/{petId}."),
  timeoutMs: z
    .number({ error: "Timeout must be a number of milliseconds." })
    .int("Timeout must be a whole number of milliseconds.")
    .min(50, "Timeout must be at least 50 ms.")
    .max(29_000, "Timeout must be at most 29000 ms."),
});

const mockIntegrationSchema = z.object({
  type: z.literal("MOCK"),
  mockResponse: z.object({
    statusCode: z
      .number({ error: "Status code must be a number." })
      .int("Status code must be a whole number.")
      .min(100, "Status code must be between 100 and 599.")
      .max(599, "Status code must be between 100 and 599."),
    headers: z.record(z.string(), z.string()),
    body: z.string().max(1_000_000, "Mock body must be at most 1 MB."),
  }),
});

export const methodFormSchema = z
  .object({
    httpMethod: z.string().min(1, "Choose an HTTP method."),
    authorizationType: z.enum(["NONE", "API_KEY"]),
    apiKeyRequired: z.boolean(),
    requestParameters: z.array(requestParameterSchema),
    requestModelId: z.string().nullable(),
    requestValidator: z.enum(["NONE", "BODY", "PARAMS", "BODY_AND_PARAMS"]),
    integration: z.discriminatedUnion("type", [httpIntegrationSchema, mockIntegrationSchema]),
  })
  .superRefine((value, context) => {
    const seen = new Set<string>();
    value.requestParameters.forEach((parameter, index) => {
      const key = `${parameter.in}:${parameter.name.toLowerCase()}`;
      if (parameter.name && seen.has(key)) {
        context.addIssue({
          code: "custom",
          path: ["requestParameters", index, "name"],
          message: `“${parameter.name}” is already declared in ${parameter.in}.`,
        });
      }
      seen.add(key);
    });
  });
