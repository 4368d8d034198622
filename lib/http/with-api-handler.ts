import { randomUUID } from "node:crypto";

import { forbidden, unauthenticated } from "@/lib/errors/api-error";
import { roleAtLeast, type Role } from "@/lib/schemas/auth";

import { handleApiError } from "./handle-api-error";
import { assertAllowedHost, assertNotFormBody, assertSameOriginWrite, isSafeMethod } from "./request-guards";
import { resolveCaller, resolveConsumerCaller, type Caller, type ConsumerPrincipal, type Principal } from "./resolve-caller";

/**
 * Who may call a route:
 * - "public": anyone (health, sign-in, setup, the OpenAPI document, and the
 *   gateway's own endpoints, which check their own tokens);
 * - "signedIn": any signed-in user or token, whatever its role (their own
 *   profile, password and tokens);
 * - a role: at least that role;
 * - "consumer": a developer portal consumer signed in with the portal's
 *   cookie; console sessions and API tokens are not consumers.
 * Without `access`, reads take "viewer" and changes take "developer".
 */
export type Access = "public" | "signedIn" | "consumer" | Role;

export type ApiHandlerContext<P, A extends Access = Access> = {
  request: Request;
  /** Route parameters as Next.js passes them (strings); validate them with a schema before use. */
  params: P;
  caller: A extends "public" ? Caller : A extends "consumer" ? Caller & { consumer: ConsumerPrincipal } : Caller & { principal: Principal };
  requestId: string;
};

type RouteContext<P> = { params: Promise<P> };

// A proxy in front may already have named the request; its id is kept only if
// it cannot smuggle anything into logs or headers.
function incomingRequestId(request: Request): string | undefined {
  const value = request.headers.get("x-request-id");
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

function requiredAccess(method: string, access: Access | undefined): Access {
  return access ?? (isSafeMethod(method) ? "viewer" : "developer");
}

const ROLE_PURPOSE: Record<Role, string> = {
  viewer: "reading",
  developer: "changing APIs, plans and keys",
  admin: "this (admins only)",
};

function authorize(caller: Caller, access: Access): void {
  if (access === "public") return;
  if (access === "consumer") {
    if (!caller.consumer) throw unauthenticated("Sign in to the developer portal first (POST /api/v1/portal/sign-in)");
    return;
  }
  const { principal } = caller;
  if (principal === null) throw unauthenticated();
  if (access === "signedIn" || roleAtLeast(principal.role, access)) return;
  const as = principal.via === "token" ? `this token acts as ${principal.role}` : `you are a ${principal.role}`;
  throw forbidden(`The ${access} role is needed for ${ROLE_PURPOSE[access]}; ${as}. Ask an admin for the role you need.`);
}

/**
 * The one wrapper of every /api/v1 route handler. In order: it names the
 * request, refuses host names the console is not configured for, refuses
 * bodies a cross-site form could send, resolves the caller, refuses
 * cookie-authenticated changes from other origins, decides the permission,
 * and turns every thrown error into the one error shape.
 */
export function withApiHandler<P extends Record<string, string | string[]> = Record<string, never>, A extends Access = Access>(
  handler: (context: ApiHandlerContext<P, A>) => Response | Promise<Response>,
  options: { access?: A } = {},
): (request: Request, routeContext: RouteContext<P>) => Promise<Response> {
  return async (request, routeContext) => {
    const requestId = incomingRequestId(request) ?? randomUUID();
    try {
      assertAllowedHost(request);
      assertNotFormBody(request);
      const access = requiredAccess(request.method, options.access);
      const caller =
        access === "consumer"
          ? await resolveConsumerCaller(request, { requestId })
          : await resolveCaller(request, { requestId, isPublic: access === "public" });
      assertSameOriginWrite(request, { cookieAuthenticated: caller.principal?.via === "session" || Boolean(caller.consumer) });
      authorize(caller, access);
      const params = await routeContext.params;
      const response = await handler({ request, params, caller: caller as ApiHandlerContext<P, A>["caller"], requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return handleApiError(error, { requestId, method: request.method, path: new URL(request.url).pathname });
    }
  };
}

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set("cache-control", "no-store");
  return Response.json(data, { status, headers: merged });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
