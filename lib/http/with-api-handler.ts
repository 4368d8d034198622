import { randomUUID } from "node:crypto";

import { handleApiError } from "./handle-api-error";
import { resolveCaller, type Caller } from "./resolve-caller";

export type ApiHandlerContext<P> = {
  request: Request;
  /** Route parameters as Next.js passes them (strings); validate them with a schema before use. */
  params: P;
  caller: Caller;
  requestId: string;
};

type RouteContext<P> = { params: Promise<P> };

// A proxy in front may already have named the request; its id is kept only if
// it cannot smuggle anything into logs or headers.
function incomingRequestId(request: Request): string | undefined {
  const value = request.headers.get("x-request-id");
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

/**
 * The one wrapper of every /api/v1 route handler: it gives each request an
 * id, resolves the caller (the place to add authentication), and turns every
 * thrown error into the one error shape.
 */
export function withApiHandler<P extends Record<string, string | string[]> = Record<string, never>>(
  handler: (context: ApiHandlerContext<P>) => Promise<Response>,
): (request: Request, routeContext: RouteContext<P>) => Promise<Response> {
  return async (request, routeContext) => {
    const requestId = incomingRequestId(request) ?? randomUUID();
    try {
      const caller = resolveCaller(request);
      const params = await routeContext.params;
      const response = await handler({ request, params, caller, requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return handleApiError(error, { requestId, method: request.method, path: new URL(request.url).pathname });
    }
  };
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store" } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
