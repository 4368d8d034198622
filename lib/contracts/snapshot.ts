import { z } from "zod";
import { AUTHORIZER_TYPES_FOR, authorizationTypeSchema, authorizerSchema, gatewayResponsesSchema, type Authorizer } from "./authorizers";
import { accessLogSettingsSchema } from "./access-log";
import { runToEnd, type Sliced } from "./steps";

/**
 * The deployment snapshot: everything a gateway needs to serve one stage of
 * one API. The console compiles it at deploy time and pushes it to every
 * gateway node; the gateway validates it with this schema and nothing else.
 *
 * Versioning: `version` is a literal. A breaking change adds a new version
 * (and a new schema) rather than changing the meaning of this one, so a node
 * on an older release rejects a document it does not understand instead of
 * misreading it.
 *
 * Identity: `hash` is `hashSnapshot()` (./hash.ts) of the parsed document
 * without its `hash` field. A gateway that already serves a snapshot with the
 * same hash treats the push as a no-op.
 */
export const SNAPSHOT_VERSION = 1 as const;

/** API ids, stage names, deployment ids and route ids: safe in URLs, file names and counter keys. */
export const identifierSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "use 1 to 128 letters, digits, '-' or '_'");

export const sha256HexSchema = z.string().regex(/^[a-f0-9]{64}$/, "expected a lowercase hex SHA-256 digest");

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export const httpMethodSchema = z.enum(HTTP_METHODS);
export type HttpMethod = z.infer<typeof httpMethodSchema>;
export const routeMethodSchema = z.enum([...HTTP_METHODS, "ANY"]);
export type RouteMethod = z.infer<typeof routeMethodSchema>;

/**
 * Resource paths as in API Gateway: literal segments, `{name}` parameters and
 * one greedy `{name+}` as the last segment. `/` is the root resource.
 *
 * A segment may also mix literal text and parameters (`{sid}.json`,
 * `v{version}`, `{lat}-{lng}`, `@{user}`), as OpenAPI allows: a parameter
 * then ends at the end of the segment or at a '.' or '-' (where a router can
 * tell that the value ended; the value runs to the last one). Literal text
 * is letters, digits and `. _ ~ - @ : , ; = ! $ & '` (URI path characters
 * without percent-encoding, and without `* ( ) +`, which routers read as
 * patterns).
 */
const LITERAL = "[A-Za-z0-9._~@:,;=!$&'-]+";
const PARAM = "\\{[A-Za-z_][A-Za-z0-9_]*\\}";
/** Literal text and parameters, each parameter but the last followed by '.' or '-'; never empty. */
const SEGMENT = `(?=[^/])(?:${LITERAL})?(?:${PARAM}[.-](?:${LITERAL})?)*(?:${PARAM})?`;
const GREEDY_SEGMENT = "\\{[A-Za-z_][A-Za-z0-9_]*\\+\\}";
const RESOURCE_PATH = new RegExp(`^(/|(/${SEGMENT})*(/${GREEDY_SEGMENT})?)$`);
const SEGMENT_ONLY = new RegExp(`^${SEGMENT}$`);

/** Whether one segment of a resource path (not the greedy last one) is one the gateway can route. */
export function isRoutableSegment(segment: string): boolean {
  return SEGMENT_ONLY.test(segment);
}

export const resourcePathSchema = z
  .string()
  .max(2048)
  .regex(RESOURCE_PATH, "use '/' or segments like '/pets', '/{petId}', '/{file}.json', and a final greedy '/{proxy+}'")
  .refine((path) => path === "/" || !path.endsWith("/"), "remove the trailing '/'")
  .refine((path) => {
    const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]);
    return new Set(names).size === names.length;
  }, "each path parameter name may appear once");

/** Path parameter names of a resource path, in order (`{proxy+}` gives `proxy`). */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1] ?? "");
}

export const throttleSchema = z.object({
  /** Steady-state requests per second (token refill rate). */
  rateLimit: z.number().min(0).max(1_000_000),
  /** Bucket size: requests allowed at once. */
  burstLimit: z.number().int().min(0).max(1_000_000),
});
export type Throttle = z.infer<typeof throttleSchema>;

export const corsSchema = z.object({
  /** Exact origins (`https://app.example.com`) or `*`. */
  allowOrigins: z.array(z.string().min(1).max(2048)).min(1).max(100),
  allowMethods: z.array(z.union([httpMethodSchema, z.literal("*")])).default(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
  allowHeaders: z.array(z.string().min(1).max(256)).default(["content-type", "x-api-key", "authorization"]),
  exposeHeaders: z.array(z.string().min(1).max(256)).default([]),
  allowCredentials: z.boolean().default(false),
  /** Seconds a browser may cache a preflight answer. */
  maxAge: z.number().int().min(0).max(86_400).optional(),
});
export type Cors = z.infer<typeof corsSchema>;

const headerNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/, "not a valid HTTP header name");
const parameterNameSchema = z.string().min(1).max(256);

/** Request parameters a method declares; the value says whether it is required. */
export const requestParametersSchema = z.object({
  path: z.record(parameterNameSchema, z.boolean()).default({}),
  querystring: z.record(parameterNameSchema, z.boolean()).default({}),
  header: z.record(headerNameSchema, z.boolean()).default({}),
});
export type RequestParameters = z.infer<typeof requestParametersSchema>;

export const requestValidatorSchema = z.object({
  body: z.boolean().default(false),
  params: z.boolean().default(false),
});

/**
 * Integration URIs may use `{name}` path parameters (substituted per
 * request, in the path and query only) and `${stageVariables.name}`
 * (substituted when the gateway compiles the snapshot, anywhere).
 */
const integrationUriSchema = z
  .string()
  .max(2048)
  .regex(
    /^(https?:\/\/|\$\{stageVariables\.[A-Za-z0-9_]+\})/,
    "use an absolute http:// or https:// URI (it may start with a stage variable holding one)",
  );

const PARAM_NAME = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

/** The mapping grammar, API Gateway's; the console's API checks input with the same expressions. */
export const MAPPING_TARGET = new RegExp(
  `^integration\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.${PARAM_NAME}$`,
);
export const MAPPING_SOURCE = new RegExp(
  `^(method\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.${PARAM_NAME}|context\\.[A-Za-z0-9_.-]+|stageVariables\\.[A-Za-z0-9_]+|'[^']*')$`,
);
export const RESPONSE_MAPPING_TARGET = new RegExp(`^method\\.response\\.header\\.${PARAM_NAME}$`);
export const RESPONSE_MAPPING_SOURCE = new RegExp(
  `^(integration\\.response\\.(header|multivalueheader)\\.${PARAM_NAME}|integration\\.response\\.body(\\.[A-Za-z0-9_$-]+)*|context\\.[A-Za-z0-9_.-]+|stageVariables\\.[A-Za-z0-9_]+|'[^']*')$`,
);
export const PARAMETER_MAPPING_KEY = new RegExp(`^(append|overwrite|remove):(header\\.${PARAM_NAME}|querystring\\.${PARAM_NAME}|path)$`);

/**
 * The `http`, `aws` and `mock` integrations' request parameter mappings, keyed
 * by `integration.request.(path|querystring|header|multivaluequerystring|multivalueheader).<name>`,
 * valued by `method.request.(path|querystring|header|multivaluequerystring|multivalueheader).<name>`,
 * `context.<variable>`, `stageVariables.<name>` or a quoted literal (`'value'`), as in API Gateway.
 */
const mappingTargetSchema = z
  .string()
  .regex(MAPPING_TARGET, "use integration.request.(path|querystring|header|multivaluequerystring|multivalueheader).<name>");
const mappingSourceSchema = z
  .string()
  .regex(
    MAPPING_SOURCE,
    "use method.request.(path|querystring|header|multivaluequerystring|multivalueheader).<name>, context.<variable>, stageVariables.<name> or a 'literal'",
  );

/** `method.response.header.<name>` ← `integration.response.header.<name>`, `integration.response.body[.a.b]`, context, stage variables or a 'literal'. */
const responseTargetSchema = z.string().regex(RESPONSE_MAPPING_TARGET, "use method.response.header.<name>");
const responseSourceSchema = z
  .string()
  .regex(
    RESPONSE_MAPPING_SOURCE,
    "use integration.response.header.<name>, integration.response.body[.<field>...], context.<variable>, stageVariables.<name> or a 'literal'",
  );

/** HTTP API parameter mapping keys: `append:`, `overwrite:` or `remove:` a header, a query string parameter, or the path. */
const parameterMappingKeySchema = z
  .string()
  .regex(PARAMETER_MAPPING_KEY, "use append:|overwrite:|remove: followed by header.<name>, querystring.<name> or path");

export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;
/** A Velocity mapping template's size limit, as API Gateway's (300 KB). */
const templateSchema = z.string().max(300 * 1024);
/** Templates keyed by content type (`application/json`). */
const templatesSchema = z.record(z.string().min(1).max(256), templateSchema);

export const PASSTHROUGH_BEHAVIORS = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"] as const;
export const CONTENT_HANDLINGS = ["CONVERT_TO_TEXT", "CONVERT_TO_BINARY"] as const;
const contentHandlingSchema = z.enum(CONTENT_HANDLINGS);

/** One integration response: picked by `selectionPattern` (null: the default one), answering `statusCode`. */
export const integrationResponseSchema = z.object({
  /** A Java regular expression over the backend's status code (HTTP), or the Lambda error message; null for the default response. */
  selectionPattern: z.string().max(1024).nullable().default(null),
  statusCode: z.number().int().min(100).max(599),
  responseParameters: z.record(responseTargetSchema, responseSourceSchema).default({}),
  responseTemplates: templatesSchema.default({}),
  contentHandling: contentHandlingSchema.optional(),
});
export type IntegrationResponse = z.infer<typeof integrationResponseSchema>;

const timeoutSchema = z.number().int().min(50).max(300_000).default(DEFAULT_INTEGRATION_TIMEOUT_MS);

const proxyIntegrationFields = {
  /** Upstream method; omitted or ANY forwards the client's method. */
  method: routeMethodSchema.optional(),
  uri: integrationUriSchema,
  timeoutMs: timeoutSchema,
};

/**
 * What API Gateway does between the method request and the backend, and back:
 * parameter mappings, mapping templates and integration responses. Optional,
 * so that documents written before them parse (and hash) as they did.
 */
const mappedIntegrationFields = {
  requestParameters: z.record(mappingTargetSchema, mappingSourceSchema).optional(),
  requestTemplates: templatesSchema.optional(),
  /** Absent: WHEN_NO_MATCH, as API Gateway. */
  passthroughBehavior: z.enum(PASSTHROUGH_BEHAVIORS).optional(),
  contentHandling: contentHandlingSchema.optional(),
  /** Integration responses in the order they are tried; none: the backend's answer goes back as it is. */
  responses: z.array(integrationResponseSchema).max(100).optional(),
};

/** A Lambda function: API Gateway's invocation URI, a function ARN or name, or an http(s) URL receiving the event. */
const lambdaUriSchema = z.string().min(1).max(2048);

export const integrationSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("http_proxy"),
    ...proxyIntegrationFields,
    /** HTTP API parameter mapping: `append:header.x` → `$request.header.y`, `$context.requestId`, literal text. */
    parameterMapping: z.record(parameterMappingKeySchema, z.string().max(2048)).optional(),
  }),
  z.object({
    type: z.literal("http"),
    ...proxyIntegrationFields,
    ...mappedIntegrationFields,
    // Defaulted since the first snapshot version (the others came later, optional).
    requestParameters: z.record(mappingTargetSchema, mappingSourceSchema).default({}),
  }),
  z.object({
    type: z.literal("mock"),
    timeoutMs: timeoutSchema,
    /** The answer when the integration has no integration responses (a mock designed in the console). */
    mock: z
      .object({
        statusCode: z.number().int().min(100).max(599).default(200),
        headers: z.record(headerNameSchema, z.string().max(8192)).default({}),
        body: z.string().max(1_048_576).default(""),
      })
      .default({ statusCode: 200, headers: {}, body: "" }),
    ...mappedIntegrationFields,
  }),
  /** A Lambda function behind mapping templates (API Gateway's `aws` integration with the lambda service). */
  z.object({
    type: z.literal("aws"),
    uri: lambdaUriSchema,
    timeoutMs: timeoutSchema,
    ...mappedIntegrationFields,
  }),
  /** A Lambda function receiving the proxy event (payload format 1.0 as REST APIs, 2.0 as HTTP APIs). */
  z.object({
    type: z.literal("aws_proxy"),
    uri: lambdaUriSchema,
    timeoutMs: timeoutSchema,
    payloadFormatVersion: z.enum(["1.0", "2.0"]).default("1.0"),
    contentHandling: contentHandlingSchema.optional(),
  }),
]);
export type Integration = z.infer<typeof integrationSchema>;

/** A JSON Schema (draft 2020-12 or 07 keywords), compiled by the gateway when it loads the snapshot. */
export const jsonSchemaSchema = z.record(z.string(), z.unknown());

export const routeSchema = z
  .object({
    id: identifierSchema,
    method: routeMethodSchema,
    path: resourcePathSchema,
    /**
     * API_KEY: the caller must send a valid key (x-api-key) attached to a
     * usage plan for this stage. JWT, COGNITO_USER_POOLS, CUSTOM: the named
     * authorizer must let the request in.
     */
    authorization: authorizationTypeSchema.default("NONE"),
    /** The authorizer of JWT, COGNITO_USER_POOLS and CUSTOM authorization (an id in `api.authorizers`). */
    authorizerId: identifierSchema.optional(),
    /** JWT and COGNITO_USER_POOLS: the token must carry at least one of these scopes (none: no scope check). */
    authorizationScopes: z.array(z.string().min(1).max(256)).max(50).default([]),
    /** A key is required as well (with API_KEY authorization, always). */
    apiKeyRequired: z.boolean().default(false),
    requestParameters: requestParametersSchema.default({ path: {}, querystring: {}, header: {} }),
    /** Model for `application/json` bodies. */
    requestModel: jsonSchemaSchema.optional(),
    requestValidator: requestValidatorSchema.default({ body: false, params: false }),
    integration: integrationSchema,
  })
  .superRefine((route, ctx) => {
    const needsAuthorizer = AUTHORIZER_TYPES_FOR[route.authorization].length > 0;
    if (needsAuthorizer && route.authorizerId === undefined) {
      ctx.addIssue({ code: "custom", path: ["authorizerId"], message: `${route.authorization} authorization needs an authorizerId` });
    }
    if (!needsAuthorizer && route.authorizerId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["authorizerId"], message: `${route.authorization} authorization takes no authorizer` });
    }
    if (route.requestValidator.body && route.requestModel === undefined) {
      ctx.addIssue({ code: "custom", path: ["requestModel"], message: "body validation is on but no requestModel is set" });
    }
    const declared = new Set(pathParameterNames(route.path));
    for (const name of Object.keys(route.requestParameters.path)) {
      if (!declared.has(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["requestParameters", "path", name],
          message: `path parameter '${name}' is not part of the route path ${route.path}`,
        });
      }
    }
  });
export type Route = z.infer<typeof routeSchema>;
export type RouteInput = z.input<typeof routeSchema>;

const stageVariablesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "stage variable names use letters, digits and '_'"),
  z.string().max(2048),
);

/** Route-table rules that span routes: unique ids, and no two routes a router could not tell apart. */
export function checkRoutes(routes: readonly Route[], ctx: z.RefinementCtx, pathPrefix: (string | number)[]): void {
  runToEnd(checkRoutesSteps(routes, ctx, pathPrefix));
}

/** `checkRoutes`, yielding every 500 routes (see steps.ts). */
export function* checkRoutesSteps(routes: readonly Route[], ctx: z.RefinementCtx, pathPrefix: (string | number)[]): Sliced<void> {
  const seenIds = new Set<string>();
  const seenMethods = new Set<string>();
  for (let index = 0; index < routes.length; index++) {
    const route = routes[index];
    if (index % 500 === 499) yield;
    if (seenIds.has(route.id)) {
      ctx.addIssue({ code: "custom", path: [...pathPrefix, index, "id"], message: `route id '${route.id}' is used twice` });
    }
    seenIds.add(route.id);
    // Two routes that differ only in parameter names are the same route to a router.
    const shape = `${route.method} ${route.path.replace(/\{[A-Za-z0-9_]+\}/g, "{}").replace(/\{[A-Za-z0-9_]+\+\}/g, "{+}")}`;
    if (seenMethods.has(shape)) {
      ctx.addIssue({
        code: "custom",
        path: [...pathPrefix, index, "path"],
        message: `${route.method} ${route.path} duplicates another route (parameter names do not distinguish routes)`,
      });
    }
    seenMethods.add(shape);
  }
}

/** Every route's authorizer exists and is of a type its authorization accepts. */
export function checkAuthorizerReferences(
  authorizers: readonly Authorizer[],
  routes: readonly Route[],
  ctx: z.RefinementCtx,
  pathPrefix: (string | number)[],
): void {
  runToEnd(checkAuthorizerReferencesSteps(authorizers, routes, ctx, pathPrefix));
}

/** `checkAuthorizerReferences`, yielding every 500 routes (see steps.ts). */
export function* checkAuthorizerReferencesSteps(
  authorizers: readonly Authorizer[],
  routes: readonly Route[],
  ctx: z.RefinementCtx,
  pathPrefix: (string | number)[],
): Sliced<void> {
  const byId = new Map(authorizers.map((authorizer) => [authorizer.id, authorizer]));
  for (let index = 0; index < routes.length; index++) {
    const route = routes[index];
    if (index % 500 === 499) yield;
    if (route.authorizerId === undefined) continue;
    const authorizer = byId.get(route.authorizerId);
    const accepted = AUTHORIZER_TYPES_FOR[route.authorization];
    if (authorizer === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [...pathPrefix, index, "authorizerId"],
        message: `authorizer '${route.authorizerId}' is not in api.authorizers`,
      });
    } else if (!accepted.includes(authorizer.type)) {
      ctx.addIssue({
        code: "custom",
        path: [...pathPrefix, index, "authorizerId"],
        message: `${route.authorization} authorization cannot use the ${authorizer.type} authorizer '${authorizer.id}'`,
      });
    }
  }
}

/** Authorizer ids are unique. */
function checkAuthorizers(authorizers: readonly Authorizer[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  authorizers.forEach((authorizer, index) => {
    if (seen.has(authorizer.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["api", "authorizers", index, "id"],
        message: `authorizer id '${authorizer.id}' is used twice`,
      });
    }
    seen.add(authorizer.id);
  });
}

const MAX_ROUTES = 10_000;

/** The canary's fields around its routes (kept in this order, which is the parsed document's). */
const canaryHead = {
  /** Share of the stage's traffic sent to the canary deployment, 0 to 100. */
  percent: z.number().min(0).max(100),
  deploymentId: identifierSchema,
};
const canaryTail = {
  /** Stage variables that take other values for canary traffic. */
  stageVariableOverrides: stageVariablesSchema.default({}),
};

export const canarySchema = z.object({
  ...canaryHead,
  /** The canary deployment's routes. */
  routes: z.array(routeSchema).max(MAX_ROUTES),
  ...canaryTail,
});
export type Canary = z.infer<typeof canarySchema>;

/** The snapshot's fields before and after its routes. */
const snapshotHead = {
  version: z.literal(SNAPSHOT_VERSION),
  apiId: identifierSchema,
  stage: identifierSchema,
  deploymentId: identifierSchema,
  hash: sha256HexSchema.optional(),
  createdAt: z.iso.datetime({ offset: true }),
  api: z.object({
    name: z.string().min(1).max(1024),
    cors: corsSchema.optional(),
    /** HEADER: keys come in `x-api-key`; AUTHORIZER: a Lambda authorizer returns the key as `usageIdentifierKey`. */
    apiKeySource: z.enum(["HEADER", "AUTHORIZER"]).default("HEADER"),
    binaryMediaTypes: z.array(z.string().max(256)).default([]),
    authorizers: z.array(authorizerSchema).max(100).default([]),
    /** Customised gateway responses by type; the others keep API Gateway's defaults. */
    gatewayResponses: gatewayResponsesSchema.default({}),
  }),
};
const snapshotTail = {
  stageVariables: stageVariablesSchema.default({}),
  /** Stage default throttle, applied to routes that need no API key. */
  throttle: throttleSchema.optional(),
  /** The stage's access-log format (API Gateway's accessLogSettings); absent: the node's default JSON line. */
  accessLogSettings: accessLogSettingsSchema.optional(),
};

export const snapshotSchema = z
  .object({
    ...snapshotHead,
    routes: z.array(routeSchema).max(MAX_ROUTES),
    ...snapshotTail,
    canary: canarySchema.optional(),
  })
  .superRefine((snapshot, ctx) => {
    checkRoutes(snapshot.routes, ctx, ["routes"]);
    checkAuthorizers(snapshot.api.authorizers, ctx);
    checkAuthorizerReferences(snapshot.api.authorizers, snapshot.routes, ctx, ["routes"]);
    if (snapshot.canary !== undefined) {
      checkRoutes(snapshot.canary.routes, ctx, ["canary", "routes"]);
      checkAuthorizerReferences(snapshot.api.authorizers, snapshot.canary.routes, ctx, ["canary", "routes"]);
    }
  });

/**
 * The snapshot without its routes checked: everything `snapshotSchema`
 * checks except each route and the rules across routes. For
 * `parseSnapshot`, which validates the routes one by one.
 */
export const snapshotEnvelopeSchema = z.object({
  ...snapshotHead,
  routes: z.array(z.unknown()).max(MAX_ROUTES),
  ...snapshotTail,
  canary: z.object({ ...canaryHead, routes: z.array(z.unknown()).max(MAX_ROUTES), ...canaryTail }).optional(),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
/** What a producer may write: defaults filled in by `snapshotSchema.parse`. */
export type SnapshotInput = z.input<typeof snapshotSchema>;
