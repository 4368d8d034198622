import type { RequestContext } from "../pipeline";

/** Reads one identity source of a request; undefined when it is absent or empty. */
export type IdentityReader = (ctx: RequestContext) => string | undefined;

function queryValue(query: string, name: string): string | undefined {
  if (query === "") return undefined;
  const value = new URLSearchParams(query).get(name);
  return value === null || value === "" ? undefined : value;
}

/**
 * Compiles an identity source (`method.request.header.Authorization`,
 * `method.request.querystring.token`, `stageVariables.name`,
 * `context.name`) into a reader, once per snapshot.
 */
export function identityReader(source: string, stageVariables: Readonly<Record<string, string>>): IdentityReader {
  if (source.startsWith("method.request.header.")) {
    const name = source.slice("method.request.header.".length).toLowerCase();
    return (ctx) => {
      const value = ctx.req.headers[name];
      const text = Array.isArray(value) ? value.join(",") : value;
      return text === undefined || text === "" ? undefined : text;
    };
  }
  if (source.startsWith("method.request.querystring.")) {
    const name = source.slice("method.request.querystring.".length);
    return (ctx) => queryValue(ctx.query, name);
  }
  if (source.startsWith("stageVariables.")) {
    const value = stageVariables[source.slice("stageVariables.".length)];
    return () => (value === undefined || value === "" ? undefined : value);
  }
  const name = source.slice("context.".length);
  return (ctx) => {
    const value = contextValue(ctx, name);
    return value === "" ? undefined : value;
  };
}

/** The `$context` variables an identity source may name. */
function contextValue(ctx: RequestContext, name: string): string | undefined {
  switch (name) {
    case "requestId":
      return ctx.requestId;
    case "httpMethod":
      return ctx.req.method;
    case "resourcePath":
      return ctx.route?.path;
    case "path":
      return ctx.path;
    case "stage":
      return ctx.stage?.stage;
    case "apiId":
      return ctx.stage?.apiId;
    case "identity.sourceIp":
      return ctx.req.socket.remoteAddress;
    case "identity.userAgent": {
      const agent = ctx.req.headers["user-agent"];
      return typeof agent === "string" ? agent : undefined;
    }
    default:
      return undefined;
  }
}
