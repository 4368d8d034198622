import { z } from "zod";

import { gatewayResponsesSchema } from "@/lib/contracts/authorizers";

import { cursorSchema, descriptionSchema, idSchema, limitSchema, nameSchema, pageSchema, timestampSchema } from "./common";

const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MEDIA_TYPE = /^(\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)\/(\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)$/;

const headerNameSchema = z.string().min(1).max(256).regex(HTTP_TOKEN, "must be a valid header name");

/** The CORS policy the gateway applies to every route of the API. */
export const CorsPolicySchema = z
  .strictObject({
    allowOrigins: z
      .array(
        z
          .string()
          .min(1)
          .max(2048)
          .refine((origin) => origin === "*" || /^https?:\/\/[^/\s]+$/.test(origin), {
            message: "each origin must be '*' or a scheme and host without a path, e.g. https://app.example.com",
          }),
      )
      .min(1, "allowOrigins needs at least one origin (or '*')")
      .max(100),
    allowMethods: z
      .array(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"]))
      .max(8)
      .default(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
    allowHeaders: z
      .array(z.union([headerNameSchema, z.literal("*")]))
      .max(100)
      .default([]),
    exposeHeaders: z.array(headerNameSchema).max(100).default([]),
    maxAgeSeconds: z.number().int().min(0).max(86_400).optional(),
    allowCredentials: z.boolean().default(false),
  })
  .refine((cors) => !(cors.allowCredentials && cors.allowOrigins.includes("*")), {
    message: "Browsers reject credentials with the '*' origin: list the allowed origins, or set allowCredentials to false",
    path: ["allowCredentials"],
  })
  .meta({ id: "CorsPolicy" });

export type CorsPolicy = z.infer<typeof CorsPolicySchema>;

const binaryMediaTypesSchema = z
  .array(z.string().max(255).regex(MEDIA_TYPE, "must be a media type such as image/png or image/*"))
  .max(50, "at most 50 binary media types")
  .refine((types) => new Set(types).size === types.length, { message: "binary media types must not repeat" });

export const apiKeySourceSchema = z.enum(["HEADER", "AUTHORIZER"]);

/**
 * Customised gateway responses by API Gateway's response type
 * (UNAUTHORIZED, ACCESS_DENIED, DEFAULT_4XX, ...): statusCode,
 * responseParameters (`gatewayresponse.header.<name>`) and
 * responseTemplates by content type. Types not listed keep the defaults.
 */
export const gatewayResponsesBodySchema = gatewayResponsesSchema.meta({ id: "GatewayResponses" });

export const ApiSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    version: z.string().nullable(),
    cors: CorsPolicySchema.nullable(),
    apiKeySource: apiKeySourceSchema,
    binaryMediaTypes: z.array(z.string()),
    /** As stored (an imported document's values are kept as written). */
    gatewayResponses: z.record(z.string(), z.unknown()).nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Api" });

export type ApiDto = z.infer<typeof ApiSchema>;

/** A single API with counts, as returned by GET /apis/{apiId}. */
export const ApiDetailSchema = ApiSchema.extend({
  resourceCount: z.number().int(),
  methodCount: z.number().int(),
}).meta({ id: "ApiDetail" });

export type ApiDetailDto = z.infer<typeof ApiDetailSchema>;

const apiFields = {
  name: nameSchema(128),
  description: descriptionSchema(),
  version: z.string().trim().min(1).max(64, "version must be at most 64 characters").nullable(),
  cors: CorsPolicySchema.nullable(),
  apiKeySource: apiKeySourceSchema,
  binaryMediaTypes: binaryMediaTypesSchema,
  gatewayResponses: gatewayResponsesBodySchema.nullable(),
};

export const createApiBodySchema = z
  .strictObject({
    name: apiFields.name,
    description: apiFields.description.optional(),
    version: apiFields.version.optional(),
    cors: apiFields.cors.optional(),
    apiKeySource: apiFields.apiKeySource.optional(),
    binaryMediaTypes: apiFields.binaryMediaTypes.optional(),
  })
  .meta({ id: "CreateApiBody" });

export type CreateApiBody = z.infer<typeof createApiBodySchema>;

export const updateApiBodySchema = z
  .strictObject({
    name: apiFields.name.optional(),
    description: apiFields.description.optional(),
    version: apiFields.version.optional(),
    cors: apiFields.cors.optional(),
    apiKeySource: apiFields.apiKeySource.optional(),
    binaryMediaTypes: apiFields.binaryMediaTypes.optional(),
    gatewayResponses: apiFields.gatewayResponses.optional(),
  })
  .meta({ id: "UpdateApiBody" });

export type UpdateApiBody = z.infer<typeof updateApiBodySchema>;

export const listApisQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
  q: z.string().trim().max(128, "q must be at most 128 characters").optional().meta({
    description: "Case-insensitive search in name and description.",
  }),
});

export type ListApisQuery = z.infer<typeof listApisQuerySchema>;

export const ApiPageSchema = pageSchema(ApiSchema).meta({ id: "ApiPage" });

export const apiParamsSchema = z.object({ apiId: idSchema.meta({ description: "The API's id." }) });
