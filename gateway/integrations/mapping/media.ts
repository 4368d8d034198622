// API Gateway's binary media rules: a payload is binary when its media type
// is one of the API's binaryMediaTypes (wildcards such as `image/*` and
// `*/*` allowed), and contentHandling converts between the two forms.

/** The media type of a Content-Type or Accept entry, lower case, without parameters. */
export function mediaTypeOf(value: string | undefined): string {
  if (value === undefined) return "";
  const semicolon = value.indexOf(";");
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql)$|.*\+(json|xml)$)/;

/** Whether a media type (from mediaTypeOf) is text by its name, as HTTP APIs tell without binaryMediaTypes. */
export function isTextMediaType(mediaType: string): boolean {
  return TEXT_TYPES.test(mediaType);
}

export interface BinaryMediaTypes {
  /** True when the media type is listed (exactly or by a wildcard). */
  matches(mediaType: string): boolean;
  /** True when the API lists none: every payload is text. */
  readonly empty: boolean;
}

export function compileBinaryMediaTypes(list: readonly string[]): BinaryMediaTypes {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  let any = false;
  for (const entry of list) {
    // API Gateway stores `image/png` as `image~1png` in patch paths; documents carry the plain form.
    const type = entry.replace(/~1/g, "/").trim().toLowerCase();
    if (type === "*/*") any = true;
    else if (type.endsWith("/*")) prefixes.push(type.slice(0, -1));
    else if (type !== "") exact.add(type);
  }
  return {
    empty: !any && exact.size === 0 && prefixes.length === 0,
    matches(mediaType) {
      if (mediaType === "") return false;
      if (any || exact.has(mediaType)) return true;
      for (const prefix of prefixes) if (mediaType.startsWith(prefix)) return true;
      return false;
    },
  };
}

/**
 * Whether the client wants a binary answer: API Gateway looks at the first
 * media type of the Accept header (a REST API returns a Lambda proxy's
 * base64 body decoded only then).
 */
export function acceptsBinary(binary: BinaryMediaTypes, accept: string | undefined): boolean {
  if (binary.empty || accept === undefined) return false;
  const first = accept.split(",")[0];
  return binary.matches(mediaTypeOf(first));
}

export type ContentHandling = "CONVERT_TO_TEXT" | "CONVERT_TO_BINARY" | undefined;

/**
 * A payload as the next hop gets it. Binary payloads become base64 text
 * under CONVERT_TO_TEXT; text payloads are base64-decoded under
 * CONVERT_TO_BINARY; without contentHandling a payload passes as it is.
 */
export function convertPayload(payload: Buffer, isBinary: boolean, handling: ContentHandling): Buffer {
  if (handling === "CONVERT_TO_TEXT" && isBinary) return Buffer.from(payload.toString("base64"));
  if (handling === "CONVERT_TO_BINARY" && !isBinary) return Buffer.from(payload.toString("latin1"), "base64");
  return payload;
}
