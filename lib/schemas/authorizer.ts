import { z } from "zod";
import { lambdaUriProblem } from "@/lib/contracts/lambda-target";
import { isValidRegExp } from "@/lib/contracts/regexp";

import { JWT_ALGORITHMS, MAX_AUTHORIZER_TTL_SECONDS, identitySourceSchema } from "@/lib/contracts/authorizers";

import { idSchema } from "./common";

/**
 * An API's authorizers, as the console API reads and writes them, in API
 * Gateway's terms: a JWT issuer, Cognito user pools (by ARN), or a Lambda
 * function of type TOKEN or REQUEST (by its invocation URI, a function ARN,
 * or an http(s) URL).
 */

export const AUTHORIZER_TYPES = ["JWT", "COGNITO_USER_POOLS", "TOKEN", "REQUEST"] as const;
export type AuthorizerTypeName = (typeof AUTHORIZER_TYPES)[number];

const nameField = z
  .string()
  .trim()
  .min(1, "name is required")
  .max(128, "name must be at most 128 characters")
  .regex(/^[A-Za-z0-9 _.-]+$/, "name may use letters, digits, spaces, '_', '.' and '-'");

const urlField = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, "must be an absolute http:// or https:// URL");

export const COGNITO_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/([A-Za-z0-9_-]+)$/;

const ttlField = z
  .number()
  .int()
  .min(0, "resultTtlSeconds is 0 (no caching) to 3600")
  .max(MAX_AUTHORIZER_TTL_SECONDS, "resultTtlSeconds is 0 (no caching) to 3600")
  .default(300);

const lambdaUriField = z
  .string()
  .trim()
  .min(1, "authorizerUri is required")
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = lambdaUriProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ description: "API Gateway's invocation URI, a Lambda function ARN or name, or an http(s) URL receiving the event." });

export const authorizerBodySchema = z.discriminatedUnion("type", [
  z.strictObject({
    name: nameField,
    type: z.literal("JWT"),
    identitySource: identitySourceSchema.default("method.request.header.Authorization"),
    issuer: urlField,
    audience: z.array(z.string().min(1).max(1024)).min(1, "a JWT authorizer needs at least one audience").max(50),
    jwksUri: urlField.optional().meta({ description: "Else the jwks_uri of the issuer's discovery document." }),
    algorithms: z.array(z.enum(JWT_ALGORITHMS)).min(1).optional(),
  }),
  z.strictObject({
    name: nameField,
    type: z.literal("COGNITO_USER_POOLS"),
    identitySource: identitySourceSchema.default("method.request.header.Authorization"),
    providerArns: z
      .array(
        z.string().refine((value) => COGNITO_POOL_ARN.test(value) || /^https?:\/\/[^\s]+$/.test(value), {
          message: "use a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>) or an issuer URL",
        }),
      )
      .min(1, "name at least one user pool")
      .max(10),
    audience: z.array(z.string().min(1).max(1024)).max(50).optional(),
  }),
  z.strictObject({
    name: nameField,
    type: z.literal("TOKEN"),
    identitySource: z
      .string()
      .regex(
        /^method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/,
        "a TOKEN authorizer reads one header: method.request.header.<name>",
      )
      .default("method.request.header.Authorization"),
    authorizerUri: lambdaUriField,
    resultTtlSeconds: ttlField,
    identityValidationExpression: z
      .string()
      .max(1024)
      .refine(isValidRegExp, "identityValidationExpression is not a valid regular expression")
      .optional(),
  }),
  z.strictObject({
    name: nameField,
    type: z.literal("REQUEST"),
    identitySource: z
      .array(identitySourceSchema)
      .max(10)
      .default([])
      .meta({ description: "Each must be present or the caller gets 401 without an invocation; together they key the result cache." }),
    authorizerUri: lambdaUriField,
    resultTtlSeconds: ttlField,
    simpleResponses: z.boolean().default(false),
    payloadFormatVersion: z
      .enum(["1.0", "2.0"])
      .default("1.0")
      .meta({ description: "The event the function gets: REST APIs' 1.0 or HTTP APIs' 2.0." }),
  }),
]);
export type AuthorizerBody = z.infer<typeof authorizerBodySchema>;
export type AuthorizerBodyInput = z.input<typeof authorizerBodySchema>;

export const createAuthorizerBodySchema = authorizerBodySchema.meta({ id: "CreateAuthorizerBody" });
/** PUT replaces the whole definition (the type may change). */
export const putAuthorizerBodySchema = authorizerBodySchema.meta({ id: "PutAuthorizerBody" });

export const authorizerParamsSchema = z.object({
  apiId: idSchema.meta({ description: "The API's id." }),
  authorizerId: idSchema.meta({ description: "The authorizer's id." }),
});

export const AuthorizerSchema = z
  .object({
    id: z.string(),
    apiId: z.string(),
    name: z.string(),
    type: z.enum(AUTHORIZER_TYPES),
    /** The definition as written (type-specific fields). */
    definition: z.record(z.string(), z.unknown()),
    /** Methods using it. */
    methodCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Authorizer" });
export type AuthorizerDto = z.infer<typeof AuthorizerSchema>;
export const AuthorizerListSchema = z.object({ items: z.array(AuthorizerSchema) }).meta({ id: "AuthorizerList" });

/** POST .../authorizers/{id}/test: what the gateway would decide for these credentials. */
export const testAuthorizerBodySchema = z
  .strictObject({
    headers: z.record(z.string(), z.string()).default({}),
    queryStringParameters: z.record(z.string(), z.string()).default({}),
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]).default("GET"),
    path: z.string().startsWith("/").default("/"),
    stageVariables: z.record(z.string(), z.string()).default({}),
    scopes: z
      .array(z.string().min(1).max(256))
      .max(50)
      .default([])
      .meta({ description: "JWT and Cognito: the scopes a method would require." }),
  })
  .meta({ id: "TestAuthorizerBody" });
export type TestAuthorizerBody = z.infer<typeof testAuthorizerBodySchema>;

export const TestAuthorizerResultSchema = z
  .object({
    status: z.number().int(),
    allowed: z.boolean(),
    reason: z.string().nullable(),
    principalId: z.string().nullable(),
    context: z.record(z.string(), z.unknown()),
    latencyMs: z.number(),
  })
  .meta({ id: "TestAuthorizerResult" });
export type TestAuthorizerResult = z.infer<typeof TestAuthorizerResultSchema>;

/** The stored columns of a definition: its type, name and identity source, and the rest as config. */
export function authorizerColumns(body: AuthorizerBody): {
  name: string;
  type: AuthorizerTypeName;
  identitySource: string;
  config: Record<string, unknown>;
} {
  const { name, type, identitySource, ...config } = body;
  return { name, type, identitySource: Array.isArray(identitySource) ? identitySource.join(",") : identitySource, config };
}

/** The definition back from the stored columns (lenient: what was stored passed authorizerBodySchema). */
export function authorizerDefinitionOf(row: {
  name: string;
  type: AuthorizerTypeName;
  identitySource: string;
  config: unknown;
}): AuthorizerBody {
  const config =
    row.config !== null && typeof row.config === "object" && !Array.isArray(row.config) ? (row.config as Record<string, unknown>) : {};
  const identitySource =
    row.type === "REQUEST"
      ? row.identitySource === ""
        ? []
        : row.identitySource.split(",").map((source) => source.trim())
      : row.identitySource;
  return authorizerBodySchema.parse({ ...config, name: row.name, type: row.type, identitySource });
}
