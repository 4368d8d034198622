import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cors } from "@/lib/contracts";

/**
 * An API's CORS policy, compiled once per snapshot. The gateway answers
 * preflights itself and adds the headers to every response, its own
 * errors included, so a browser can read a 403 or 429 instead of seeing an
 * opaque network failure.
 */
export class CorsPolicy {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;
  private readonly credentials: boolean;
  private readonly exposeHeaders: string;
  private readonly allowMethods: string;
  private readonly allowHeaders: string;
  private readonly maxAge: string;

  constructor(cors: Cors) {
    this.anyOrigin = cors.allowOrigins.includes("*");
    this.origins = new Set(cors.allowOrigins);
    this.credentials = cors.allowCredentials;
    this.exposeHeaders = cors.exposeHeaders.join(", ");
    this.allowMethods = cors.allowMethods.join(", ");
    this.allowHeaders = cors.allowHeaders.join(", ");
    this.maxAge = cors.maxAge !== undefined ? String(cors.maxAge) : "";
  }

  /** The value for Access-Control-Allow-Origin, or null when this origin is not allowed. */
  private allowedOrigin(origin: string | undefined): string | null {
    // "*" cannot be combined with credentials (browsers refuse it), so echo the origin then.
    if (this.anyOrigin && !this.credentials) return "*";
    if (origin === undefined) return null;
    return this.anyOrigin || this.origins.has(origin) ? origin : null;
  }

  // Hot path: every response of an API with CORS.
  appendResponseHeaders(origin: string | undefined, headers: string[]): void {
    const allowed = this.allowedOrigin(origin);
    if (allowed === null) return;
    headers.push("access-control-allow-origin", allowed);
    if (allowed !== "*") headers.push("vary", "Origin");
    if (this.credentials) headers.push("access-control-allow-credentials", "true");
    if (this.exposeHeaders !== "") headers.push("access-control-expose-headers", this.exposeHeaders);
  }

  isPreflight(req: IncomingMessage): boolean {
    return req.method === "OPTIONS" && req.headers.origin !== undefined && req.headers["access-control-request-method"] !== undefined;
  }

  /** Answers a preflight: 204, with the allow headers only when the origin is allowed. */
  answerPreflight(req: IncomingMessage, res: ServerResponse, extraHeaders: string[]): void {
    const allowed = this.allowedOrigin(req.headers.origin);
    const headers = extraHeaders;
    if (allowed !== null) {
      headers.push("access-control-allow-origin", allowed, "access-control-allow-methods", this.allowMethods);
      const requested = req.headers["access-control-request-headers"];
      const allowHeaders = this.allowHeaders === "*" && this.credentials ? (requested ?? "") : this.allowHeaders;
      if (allowHeaders !== "") headers.push("access-control-allow-headers", allowHeaders);
      if (this.credentials) headers.push("access-control-allow-credentials", "true");
      if (this.maxAge !== "") headers.push("access-control-max-age", this.maxAge);
      if (allowed !== "*") headers.push("vary", "Origin");
    }
    headers.push("content-length", "0");
    res.writeHead(204, headers);
    res.end();
  }
}
