// A Lambda proxy integration's result, read as API Gateway reads it. A
// result it would refuse is a MalformedResult: the client gets 502.

export interface ProxyResponse {
  readonly statusCode: number;
  /** Flat [name, value, ...], names lower case. */
  readonly headers: string[];
  readonly body: Buffer;
}

export class MalformedResult extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function scalar(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new MalformedResult(`${where} must be a string, a number or a boolean`);
}

/**
 * Reads the function's answer.
 * - 1.0: an object with an integer `statusCode`, optional `headers`,
 *   `multiValueHeaders`, a string `body` and `isBase64Encoded`.
 * - 2.0: the same plus `cookies`; a result without `statusCode` is the body
 *   itself, answered 200 as JSON.
 * `decodeBinary`: whether a base64 body goes out decoded (REST APIs decode
 * it only when the client's first Accept type is a binary media type).
 */
export function readProxyResult(payload: Buffer, version: "1.0" | "2.0", decodeBinary: boolean): ProxyResponse {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString("utf8"));
  } catch {
    throw new MalformedResult("the function's result is not JSON");
  }
  if (version === "2.0" && !(isRecord(result) && "statusCode" in result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result);
    return { statusCode: 200, headers: ["content-type", "application/json"], body: Buffer.from(body) };
  }
  if (!isRecord(result)) throw new MalformedResult("the function's result is not an object");
  const statusCode =
    typeof result.statusCode === "string" && /^\d{3}$/.test(result.statusCode) ? Number(result.statusCode) : result.statusCode;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedResult("statusCode must be an HTTP status code");
  }
  const headers: string[] = [];
  const seen = new Set<string>();
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (!isRecord(result.multiValueHeaders)) throw new MalformedResult("multiValueHeaders must be an object of arrays");
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values)) throw new MalformedResult(`multiValueHeaders.${name} must be an array`);
      const lower = name.toLowerCase();
      seen.add(lower);
      for (const value of values) headers.push(lower, scalar(value, `multiValueHeaders.${name}`));
    }
  }
  if (result.headers !== undefined && result.headers !== null) {
    if (!isRecord(result.headers)) throw new MalformedResult("headers must be an object");
    for (const [name, value] of Object.entries(result.headers)) {
      const lower = name.toLowerCase();
      // Both given: API Gateway merges them, the multi-value list first.
      if (seen.has(lower) && version === "1.0") continue;
      headers.push(lower, scalar(value, `headers.${name}`));
    }
  }
  if (version === "2.0" && result.cookies !== undefined) {
    if (!Array.isArray(result.cookies)) throw new MalformedResult("cookies must be an array of strings");
    for (const cookie of result.cookies) headers.push("set-cookie", scalar(cookie, "cookies[]"));
  }
  let body: Buffer;
  if (result.body === undefined || result.body === null) body = Buffer.alloc(0);
  else if (typeof result.body === "string") {
    body = result.isBase64Encoded === true && decodeBinary ? Buffer.from(result.body, "base64") : Buffer.from(result.body);
  } else throw new MalformedResult("body must be a string");
  if (!headers.includes("content-type")) headers.push("content-type", "application/json");
  return { statusCode, headers, body };
}
