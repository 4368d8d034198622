import { z } from "zod";

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

/**
 * Values for the `http` integration's request parameter mappings, keyed by
 * `integration.request.header.<name>` or `integration.request.querystring.<name>`:
 * `method.request.path|querystring|header.<name>`, `stageVariables.<name>` or a
 * quoted literal (`'value'`).
 */
const mappingTargetSchema = z
  .string()
  .regex(
    /^integration\.request\.(header|querystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/,
    "use integration.request.header.<name> or integration.request.querystring.<name>",
  );
const mappingSourceSchema = z
  .string()
  .regex(
    /^(method\.request\.(path|querystring|header)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|stageVariables\.[A-Za-z0-9_]+|'[^']*')$/,
    "use method.request.(path|querystring|header).<name>, stageVariables.<name> or a 'literal'",
  );

export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

const proxyIntegrationFields = {
  /** Upstream method; omitted or ANY forwards the client's method. */
  method: routeMethodSchema.optional(),
  uri: integrationUriSchema,
  timeoutMs: z.number().int().min(50).max(300_000).default(DEFAULT_INTEGRATION_TIMEOUT_MS),
};

export const integrationSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("http_proxy"), ...proxyIntegrationFields }),
  z.object({
    type: z.literal("http"),
    ...proxyIntegrationFields,
    requestParameters: z.record(mappingTargetSchema, mappingSourceSchema).default({}),
  }),
  z.object({
    type: z.literal("mock"),
    timeoutMs: z.number().int().min(50).max(300_000).default(DEFAULT_INTEGRATION_TIMEOUT_MS),
    mock: z.object({
      statusCode: z.number().int().min(100).max(599).default(200),
      headers: z.record(headerNameSchema, z.string().max(8192)).default({}),
      body: z.string().max(1_048_576).default(""),
    }),
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
    /** API_KEY: the caller must send a valid key (x-api-key) attached to a usage plan for this stage. */
    authorization: z.enum(["NONE", "API_KEY"]).default("NONE"),
    /** Kept for API Gateway parity: true is the same as authorization API_KEY. */
    apiKeyRequired: z.boolean().default(false),
    requestParameters: requestParametersSchema.default({ path: {}, querystring: {}, header: {} }),
    /** Model for `application/json` bodies. */
    requestModel: jsonSchemaSchema.optional(),
    requestValidator: requestValidatorSchema.default({ body: false, params: false }),
    integration: integrationSchema,
  })
  .superRefine((route, ctx) => {
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
  const seenIds = new Set<string>();
  const seenMethods = new Set<string>();
  routes.forEach((route, index) => {
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
    apiKeySource: z.literal("HEADER").default("HEADER"),
    binaryMediaTypes: z.array(z.string().max(256)).default([]),
  }),
};
const snapshotTail = {
  stageVariables: stageVariablesSchema.default({}),
  /** Stage default throttle, applied to routes that need no API key. */
  throttle: throttleSchema.optional(),
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
    if (snapshot.canary !== undefined) checkRoutes(snapshot.canary.routes, ctx, ["canary", "routes"]);
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
