import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";

import { accessPaths, PUBLIC_OPERATIONS } from "./access-paths";
import { consumerPaths } from "./consumer-paths";
import { deployPaths } from "./deploy-paths";
import { designPaths } from "./design-paths";
import { trafficPaths } from "./traffic-paths";
import { portalPaths } from "./portal-paths";
import { errors } from "./responses";

// The OpenAPI document of Portico's own control-plane API, generated from the
// same zod schemas that validate the requests, so the two cannot drift. Each
// area documents its routes in a paths module (built with ./responses) that
// is listed here; a test fails for any route handler left out.

const metaPaths: ZodOpenApiPathsObject = {
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Meta"],
      summary: "This document",
      responses: { "200": { description: "The OpenAPI 3.1 document of the control-plane API." } },
    },
  },
};

const pathModules: ZodOpenApiPathsObject[] = [accessPaths, designPaths, deployPaths, trafficPaths, consumerPaths, portalPaths, metaPaths];

const VERBS = ["get", "post", "put", "patch", "delete"] as const;

/**
 * Every operation outside PUBLIC_OPERATIONS takes a session or a token, and
 * so may answer 401 and 403: said once here rather than in every module.
 */
function withSecurity(paths: ZodOpenApiPathsObject): ZodOpenApiPathsObject {
  const secured: ZodOpenApiPathsObject = {};
  for (const [path, item] of Object.entries(paths)) {
    const copy = { ...item };
    for (const verb of VERBS) {
      const operation = copy[verb];
      if (operation === undefined) continue;
      if (PUBLIC_OPERATIONS.has(`${verb.toUpperCase()} ${path}`)) {
        copy[verb] = { ...operation, security: [] };
        continue;
      }
      copy[verb] = { ...operation, responses: { ...errors("401", "403"), ...operation.responses } };
    }
    secured[path] = copy;
  }
  return secured;
}

function mergePaths(modules: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const merged: ZodOpenApiPathsObject = {};
  for (const paths of modules) {
    for (const [path, item] of Object.entries(paths)) {
      merged[path] = { ...merged[path], ...item };
    }
  }
  return merged;
}

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, built once per process. */
export function getOpenApiDocument(): ReturnType<typeof createDocument> {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Portico control-plane API",
      version: "1.0.0",
      description:
        "Design APIs (resources, methods, integrations, models) in Portico. Every error has the shape " +
        "`{ error: { code, message, details? } }`. Authenticate with a session cookie (POST /auth/sign-in) or `Authorization: Bearer <API token>`.",
    },
    servers: [{ url: "/api/v1" }],
    paths: withSecurity(mergePaths(pathModules)),
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An API token (pct_...) made on the Tokens page or with POST /tokens.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "portico_session",
          description: "The console's session, set by POST /auth/sign-in.",
        },
        portalCookie: {
          type: "apiKey",
          in: "cookie",
          name: "portico_portal_session",
          description: "A developer portal consumer's session, set by POST /portal/sign-in; it reaches the consumer operations only.",
        },
      },
    },
  });
  return cached;
}
