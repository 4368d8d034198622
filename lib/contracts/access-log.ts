import { z } from "zod";

/**
 * A stage's access-log settings, as API Gateway's `accessLogSettings`: a
 * one-line format of `$context` variables, written by each node for every
 * request of the stage. Checked here once (the console at save time, the
 * gateway at push time), compiled by the gateway with the snapshot.
 */

/** The `$context` variables a format may use (without `$context.`), as API Gateway documents them for REST APIs, plus Portico's own. */
export const ACCESS_LOG_VARIABLES = [
  "apiId",
  "authorizer.error",
  "authorizer.integrationLatency",
  "authorizer.latency",
  "authorizer.principalId",
  "authorizer.status",
  "deploymentId",
  "domainName",
  "domainPrefix",
  "error.message",
  "error.messageString",
  "error.responseType",
  "error.validationErrorString",
  "extendedRequestId",
  "httpMethod",
  "identity.apiKeyId",
  "identity.caller",
  "identity.sourceIp",
  "identity.user",
  "identity.userAgent",
  "integration.error",
  "integration.latency",
  "integrationLatency",
  "path",
  "protocol",
  "requestId",
  "requestTime",
  "requestTimeEpoch",
  "resourceId",
  "resourcePath",
  "responseLatency",
  "responseLength",
  "stage",
  "status",
  "xrayTraceId",
  "portico.denialReason",
  "portico.errorCode",
  "portico.traceId",
] as const;
export type AccessLogVariable = (typeof ACCESS_LOG_VARIABLES)[number];

/** API Gateway's variables Portico never logs, and why. */
const REFUSED: Record<string, string> = {
  "identity.apiKey": "it would write the caller's API key; use $context.identity.apiKeyId",
};

/** The presets API Gateway's console offers, with both request ids. */
export const ACCESS_LOG_PRESETS = {
  CLF:
    "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] " +
    '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength ' +
    "$context.requestId $context.extendedRequestId",
  JSON:
    '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId", "ip": "$context.identity.sourceIp", ' +
    '"caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", ' +
    '"httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", ' +
    '"protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
  XML:
    '<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> ' +
    "<ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> " +
    "<requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> " +
    "<resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> " +
    "<protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>",
  CSV:
    "$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod," +
    "$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId",
} as const;
export type AccessLogPreset = keyof typeof ACCESS_LOG_PRESETS;

/** A piece of a parsed format: literal text, a fixed variable, or an authorizer entry (`claims.sub`, or a Lambda authorizer's context key). */
export type AccessLogPart =
  { kind: "text"; text: string } | { kind: "variable"; name: AccessLogVariable } | { kind: "authorizer"; path: readonly string[] };

export const MAX_ACCESS_LOG_FORMAT_LENGTH = 4096;

const VARIABLE = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_:-]+)*)/g;
const KNOWN = new Set<string>(ACCESS_LOG_VARIABLES);

export class AccessLogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessLogFormatError";
  }
}

/** Splits a format into its parts; throws AccessLogFormatError naming what is wrong (an unknown variable, a line break, no request id). */
export function parseAccessLogFormat(format: string): AccessLogPart[] {
  if (/[\r\n]/.test(format)) throw new AccessLogFormatError("The format must be one line: remove the line breaks.");
  if (format.length > MAX_ACCESS_LOG_FORMAT_LENGTH) {
    throw new AccessLogFormatError(`The format is ${format.length} characters long; at most ${MAX_ACCESS_LOG_FORMAT_LENGTH} are allowed.`);
  }
  const parts: AccessLogPart[] = [];
  let last = 0;
  let hasRequestId = false;
  for (const match of format.matchAll(VARIABLE)) {
    const index = match.index ?? 0;
    const name = match[1] ?? "";
    if (index > last) parts.push({ kind: "text", text: format.slice(last, index) });
    last = index + match[0].length;
    const refused = REFUSED[name];
    if (refused !== undefined) throw new AccessLogFormatError(`$context.${name} cannot be logged: ${refused}.`);
    if (KNOWN.has(name)) {
      if (name === "requestId" || name === "extendedRequestId") hasRequestId = true;
      parts.push({ kind: "variable", name: name as AccessLogVariable });
      continue;
    }
    if (name.startsWith("authorizer.") && name.length > "authorizer.".length) {
      parts.push({ kind: "authorizer", path: name.slice("authorizer.".length).split(".") });
      continue;
    }
    throw new AccessLogFormatError(
      `Unknown variable $context.${name} in the access-log format. Use one of the documented $context variables (e.g. $context.requestId, $context.status, $context.integrationLatency).`,
    );
  }
  if (last < format.length) parts.push({ kind: "text", text: format.slice(last) });
  if (!hasRequestId) {
    throw new AccessLogFormatError(
      "The format must include $context.requestId or $context.extendedRequestId, so each line names its request.",
    );
  }
  return parts;
}

export const accessLogSettingsSchema = z.object({
  format: z
    .string()
    .min(1)
    .superRefine((format, ctx) => {
      try {
        parseAccessLogFormat(format);
      } catch (error) {
        if (!(error instanceof AccessLogFormatError)) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
      }
    }),
  /**
   * Where the node writes the lines: `stdout`, or `file` (the node's
   * GATEWAY_ACCESS_LOG_FILE; stdout when it has none). Absent: the node's
   * default (its file when it has one, else stdout).
   */
  destination: z.enum(["stdout", "file"]).optional(),
});
export type AccessLogSettings = z.infer<typeof accessLogSettingsSchema>;
