// $util in API Gateway mapping templates, with the JVM's behaviour:
// escapeJavaScript as Apache Commons Lang escapes (single quotes and slashes
// too), urlEncode/urlDecode as java.net.URLEncoder/URLDecoder (a space is
// "+"), base64 over UTF-8.

import { TemplateError } from "./template-error";

/** How the JVM prints a value: maps as {k=v, k2=v2}, lists as [a, b], null as "null". */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(javaString).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, entry]) => `${key}=${javaString(entry)}`)
      .join(", ")}}`;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return "";
}

function hex(code: number): string {
  return code.toString(16).toUpperCase();
}

export function escapeJavaScript(input: unknown): string {
  if (input === null || input === undefined) return "";
  const text = javaString(input);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i];
    if (code > 0xfff) out += `\\u${hex(code)}`;
    else if (code > 0xff) out += `\\u0${hex(code)}`;
    else if (code > 0x7f) out += `\\u00${hex(code)}`;
    else if (code < 32) {
      switch (code) {
        case 8:
          out += "\\b";
          break;
        case 9:
          out += "\\t";
          break;
        case 10:
          out += "\\n";
          break;
        case 12:
          out += "\\f";
          break;
        case 13:
          out += "\\r";
          break;
        default:
          out += code > 0xf ? `\\u00${hex(code)}` : `\\u000${hex(code)}`;
      }
    } else if (char === "'" || char === '"' || char === "\\" || char === "/") out += `\\${char}`;
    else out += char;
  }
  return out;
}

/** application/x-www-form-urlencoded as java.net.URLEncoder writes it: letters, digits and . - * _ kept, space as "+". */
export function urlEncode(input: unknown): string {
  return encodeURIComponent(javaString(input))
    .replace(/[!'()~]/g, (char) => `%${hex(char.charCodeAt(0))}`)
    .replace(/%20/g, "+")
    .replace(/%2A/g, "*");
}

export function urlDecode(input: unknown): string {
  const text = javaString(input);
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new TemplateError(`$util.urlDecode: '${text.slice(0, 100)}' is not a valid URL-encoded string`);
  }
}

export function base64Encode(input: unknown): string {
  return Buffer.from(javaString(input), "utf8").toString("base64");
}

export function base64Decode(input: unknown): string {
  return Buffer.from(javaString(input), "base64").toString("utf8");
}

export function parseJson(input: unknown): unknown {
  const text = javaString(input);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TemplateError(`$util.parseJson: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The $util object templates see. */
export const util = { escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode, parseJson };
