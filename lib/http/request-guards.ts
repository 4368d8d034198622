import { env } from "@/lib/env";
import { ApiError, forbidden } from "@/lib/errors/api-error";

// Browser safety, decided in one place for the API wrapper and the page proxy.

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** The host name (without port) of a Host header or URL host, lower case. */
function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(0, lower.indexOf("]") + 1);
  const colon = lower.lastIndexOf(":");
  return colon === -1 ? lower : lower.slice(0, colon);
}

/**
 * The console answers only for the host names it is configured for: the one
 * of PUBLIC_CONSOLE_URL and loopback. A page on another name that resolves to
 * this machine (DNS rebinding) is refused before anything reads a cookie.
 */
export function isAllowedHost(host: string | null): boolean {
  if (!host) return false;
  const name = hostnameOf(host);
  if (LOOPBACK_HOSTS.has(name)) return true;
  return env.PUBLIC_CONSOLE_URL !== undefined && hostnameOf(new URL(env.PUBLIC_CONSOLE_URL).host) === name;
}

/** The Host the request was sent to (Next.js passes it as a header; tests build URLs). */
export function requestHost(request: Request): string {
  return request.headers.get("host") ?? new URL(request.url).host;
}

export function assertAllowedHost(request: Request): void {
  if (!isAllowedHost(requestHost(request))) {
    throw new ApiError(
      "bad_request",
      "This console does not answer for that host name; use the address in PUBLIC_CONSOLE_URL (or set it to the name you use)",
    );
  }
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/**
 * Whether a browser sent this request from the console's own pages: an
 * Origin equal to the host the request was sent to, or (for browsers that
 * omit Origin) Sec-Fetch-Site: same-origin. `undefined` when the request
 * carries neither, as scripts' requests do.
 */
export function isSameOrigin(request: Request): boolean | undefined {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== "null") {
    try {
      return new URL(origin).host.toLowerCase() === requestHost(request).toLowerCase();
    } catch {
      return false;
    }
  }
  if (origin === "null") return false;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  return undefined;
}

/**
 * A state-changing request authenticated by a cookie must come from the
 * console's own origin; any request that says it comes from elsewhere is
 * refused, whatever it carries.
 */
export function assertSameOriginWrite(request: Request, { cookieAuthenticated }: { cookieAuthenticated: boolean }): void {
  if (isSafeMethod(request.method)) return;
  const same = isSameOrigin(request);
  if (same === false || (same === undefined && cookieAuthenticated)) {
    throw forbidden("Cross-site request refused: changes must come from the console's own pages, or use an API token");
  }
}

// Bodies a cross-site HTML form can send without a preflight. No endpoint
// takes them: JSON, YAML and CSV endpoints each name their own types.
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

export function assertNotFormBody(request: Request): void {
  if (isSafeMethod(request.method)) return;
  const type = mediaTypeOf(request);
  if (FORM_TYPES.has(type)) {
    throw new ApiError("unsupported_media_type", `This API does not take ${type} bodies; send JSON with Content-Type: application/json`);
  }
}

/** Cookies get Secure when the console is reached over https. */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:";
}
