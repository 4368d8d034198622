import { z } from "zod";
import { isValidRegExp } from "./regexp";

/**
 * Authorizers and gateway responses of an API, as the snapshot carries them.
 * Shapes follow API Gateway's: identity sources are written
 * `method.request.header.Authorization`, `method.request.querystring.name`,
 * `stageVariables.name` or `context.name`; result TTLs are seconds, 300 by
 * default, 0 for no caching, at most 3600.
 */

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "use 1 to 128 letters, digits, '-' or '_'");

export const identitySourceSchema = z
  .string()
  .regex(
    /^(method\.request\.(header|querystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}|stageVariables\.[A-Za-z0-9_]{1,64}|context\.[A-Za-z0-9_.]{1,128})$/,
    "use method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>",
  );

export const DEFAULT_IDENTITY_SOURCE = "method.request.header.Authorization";
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
export const MAX_AUTHORIZER_TTL_SECONDS = 3600;
export const DEFAULT_AUTHORIZER_TIMEOUT_MS = 10_000;

/** Asymmetric algorithms only: an HMAC secret would have to be shared with every gateway, and "none" proves nothing. */
export const JWT_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

const httpsOrLoopbackUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, "use an absolute http:// or https:// URL");

const jwtFields = {
  id: idSchema,
  name: z.string().min(1).max(128),
  /** Where the token is read; a `Bearer ` prefix is removed. */
  identitySource: identitySourceSchema.default(DEFAULT_IDENTITY_SOURCE),
  /** The key set; by default the `jwks_uri` of the issuer's `/.well-known/openid-configuration`. */
  jwksUri: httpsOrLoopbackUrl.optional(),
  algorithms: z.array(z.enum(JWT_ALGORITHMS)).min(1).default(["RS256"]),
  /** Clock skew allowed on `exp`, `nbf` and `iat`. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(0),
};

/** An OpenID Connect or OAuth 2.0 issuer, as an HTTP API's JWT authorizer. */
export const jwtAuthorizerSchema = z.object({
  ...jwtFields,
  type: z.literal("JWT"),
  issuer: httpsOrLoopbackUrl,
  /** The token's `aud` (or, when it has none, `client_id`) must be one of these. */
  audience: z.array(z.string().min(1).max(1024)).min(1).max(50),
});

/** Amazon Cognito user pools: JWT issuers `https://cognito-idp.<region>.amazonaws.com/<poolId>`, no audience check. */
export const cognitoAuthorizerSchema = z.object({
  ...jwtFields,
  type: z.literal("COGNITO_USER_POOLS"),
  issuers: z.array(httpsOrLoopbackUrl).min(1).max(10),
  /** Empty: any app client of the pools. */
  audience: z.array(z.string().min(1).max(1024)).max(50).default([]),
});

const lambdaFields = {
  id: idSchema,
  name: z.string().min(1).max(128),
  /**
   * The function: an ARN (`arn:aws:lambda:...:function:name`, or API
   * Gateway's `arn:aws:apigateway:...:lambda:path/.../functions/<arn>/invocations`)
   * invoked with the Lambda Invoke API, or an http(s) URL that takes the
   * event as a POST.
   */
  target: z.string().min(1).max(2048),
  resultTtlSeconds: z.number().int().min(0).max(MAX_AUTHORIZER_TTL_SECONDS).default(DEFAULT_AUTHORIZER_TTL_SECONDS),
  timeoutMs: z.number().int().min(50).max(30_000).default(DEFAULT_AUTHORIZER_TIMEOUT_MS),
  /** The function answers `{isAuthorized, context}` instead of an IAM policy. */
  simpleResponses: z.boolean().default(false),
};

/** A Lambda authorizer that receives one token. */
export const tokenAuthorizerSchema = z.object({
  ...lambdaFields,
  type: z.literal("TOKEN"),
  identitySource: z
    .string()
    .regex(
      /^method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/,
      "a TOKEN authorizer reads one header: method.request.header.<name>",
    )
    .default(DEFAULT_IDENTITY_SOURCE),
  /** A regular expression the token must match before the function is invoked; else 401 without invoking. */
  identityValidationExpression: z.string().max(1024).refine(isValidRegExp, "not a valid regular expression").optional(),
});

/** A Lambda authorizer that receives the request's headers, query, path, stage variables and context. */
export const requestAuthorizerSchema = z.object({
  ...lambdaFields,
  type: z.literal("REQUEST"),
  /** Each must be present, or the answer is 401 without invoking; together they are the cache key. */
  identitySource: z.array(identitySourceSchema).max(10).default([]),
  /** The event's shape: REST APIs' 1.0, or HTTP APIs' 2.0 (`routeArn`, `identitySource` values, `rawPath`, ...). */
  payloadFormatVersion: z.enum(["1.0", "2.0"]).default("1.0"),
});

export const authorizerSchema = z.discriminatedUnion("type", [
  jwtAuthorizerSchema,
  cognitoAuthorizerSchema,
  tokenAuthorizerSchema,
  requestAuthorizerSchema,
]);
export type Authorizer = z.infer<typeof authorizerSchema>;
export type AuthorizerInput = z.input<typeof authorizerSchema>;
export type JwtAuthorizer = z.infer<typeof jwtAuthorizerSchema>;
export type CognitoAuthorizer = z.infer<typeof cognitoAuthorizerSchema>;
export type TokenAuthorizer = z.infer<typeof tokenAuthorizerSchema>;
export type RequestAuthorizer = z.infer<typeof requestAuthorizerSchema>;

/** A route's authorization. JWT, COGNITO_USER_POOLS and CUSTOM (a Lambda authorizer) name an authorizer. */
export const AUTHORIZATION_TYPES = ["NONE", "API_KEY", "JWT", "COGNITO_USER_POOLS", "CUSTOM"] as const;
export const authorizationTypeSchema = z.enum(AUTHORIZATION_TYPES);
export type AuthorizationType = z.infer<typeof authorizationTypeSchema>;

/** The authorizer types a route's authorization may name. */
export const AUTHORIZER_TYPES_FOR: Record<AuthorizationType, readonly Authorizer["type"][]> = {
  NONE: [],
  API_KEY: [],
  JWT: ["JWT"],
  COGNITO_USER_POOLS: ["COGNITO_USER_POOLS"],
  CUSTOM: ["TOKEN", "REQUEST"],
};

/** API Gateway's gateway response types, with their default status codes. */
export const GATEWAY_RESPONSE_DEFAULT_STATUS = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  DEFAULT_4XX: null,
  DEFAULT_5XX: null,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
} as const;
export type GatewayResponseType = keyof typeof GATEWAY_RESPONSE_DEFAULT_STATUS;
export const GATEWAY_RESPONSE_TYPES = Object.keys(GATEWAY_RESPONSE_DEFAULT_STATUS) as [GatewayResponseType, ...GatewayResponseType[]];
export const gatewayResponseTypeSchema = z.enum(GATEWAY_RESPONSE_TYPES);

/**
 * A customised gateway response: its status, headers
 * (`gatewayresponse.header.<name>` from `'literal'`,
 * `method.request.header|querystring|path.<name>` or `stageVariables.<name>`)
 * and body templates by content type, rendered with `$context` (error,
 * requestId, authorizer), `$stageVariables` and `$input.params()`.
 */
export const gatewayResponseSchema = z.object({
  statusCode: z.number().int().min(100).max(599).optional(),
  responseParameters: z
    .record(
      z.string().regex(/^gatewayresponse\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/, "use gatewayresponse.header.<name>"),
      z
        .string()
        .regex(
          /^('[^']*'|method\.request\.(header|querystring|path)\.[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}|stageVariables\.[A-Za-z0-9_]{1,64})$/,
          "use a 'literal', method.request.(header|querystring|path).<name> or stageVariables.<name>",
        ),
    )
    .default({}),
  responseTemplates: z.record(z.string().min(1).max(256), z.string().max(65_536)).default({}),
});
export type GatewayResponse = z.infer<typeof gatewayResponseSchema>;

export const gatewayResponsesSchema = z.partialRecord(gatewayResponseTypeSchema, gatewayResponseSchema);
export type GatewayResponses = z.infer<typeof gatewayResponsesSchema>;
