import type {
  ApiDefinition,
  CorsPolicy,
  IntegrationDefinition,
  MethodDefinition,
  RequestValidatorKind,
  RequestValidatorRules,
} from "../model";
import { appendPointer, isRecord, toPointer } from "../pointer";
import type { ConvertContext } from "./context";

// The x-amazon-apigateway-* extensions: API-wide settings, request
// validators, integrations, and the ones Portico reports as unsupported.

export const AWS_PREFIX = "x-amazon-apigateway-";
export const ANY_METHOD = "x-amazon-apigateway-any-method";

const DEFAULT_TIMEOUT_MS = 29_000;
const PASSTHROUGH = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
const CONTENT_HANDLING = ["CONVERT_TO_TEXT", "CONVERT_TO_BINARY"];
const INTEGRATION_FIELDS = [
  "type",
  "httpMethod",
  "uri",
  "timeoutInMillis",
  "requestParameters",
  "requestTemplates",
  "passthroughBehavior",
  "responses",
  "contentHandling",
  "payloadFormatVersion",
  "credentials",
  "connectionType",
  "connectionId",
];

/** The function an invocation URI names, as people read it. */
function lambdaFunctionOf(uri: string): string {
  return /functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
}

const VALIDATOR_KINDS: Record<string, RequestValidatorKind> = {
  "false,false": "NONE",
  "true,false": "BODY",
  "false,true": "PARAMS",
  "true,true": "BODY_AND_PARAMS",
};

/** What a named validator's rules make a method validate. */
export function validatorKind(rules: RequestValidatorRules): RequestValidatorKind {
  return VALIDATOR_KINDS[`${rules.validateRequestBody},${rules.validateRequestParameters}`];
}

/** A value the document holds where text belongs, as text to name it by (a number or an object as JSON). */
function textOf(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function readRootExtensions(ctx: ConvertContext, definition: ApiDefinition) {
  const { root, report, validators } = ctx;
  for (const [key, value] of Object.entries(root)) {
    if (!key.startsWith("x-")) continue;
    const pointer = toPointer([key]);
    switch (key) {
      case `${AWS_PREFIX}api-key-source`:
        if (value === "HEADER") report.add(pointer, key, "applied", "API keys are read from the x-api-key header.");
        else if (value === "AUTHORIZER") {
          definition.apiKeySource = "AUTHORIZER";
          report.add(pointer, key, "applied", "API keys are the usageIdentifierKey the methods' Lambda authorizers return.");
        } else
          report.add(
            pointer,
            key,
            "unsupported",
            `API key source ${String(value)} is not supported: use HEADER (the x-api-key header) or AUTHORIZER.`,
          );
        break;
      case `${AWS_PREFIX}binary-media-types`:
        definition.binaryMediaTypes = Array.isArray(value) ? value.map(String) : [];
        report.add(pointer, key, "applied", `Binary media types: ${definition.binaryMediaTypes.join(", ") || "none"}.`);
        break;
      case `${AWS_PREFIX}gateway-responses`:
        if (isRecord(value)) {
          definition.gatewayResponses = value;
          report.add(pointer, key, "applied", `Custom gateway responses: ${Object.keys(value).join(", ")}.`);
        }
        break;
      case `${AWS_PREFIX}cors`: {
        const cors = readCors(value);
        if (cors) {
          definition.cors = cors;
          report.add(pointer, key, "applied", "The CORS policy is answered by the gateway, preflight included.");
        } else {
          report.add(pointer, key, "ignored", "The CORS policy is not an object and was ignored.");
        }
        break;
      }
      case `${AWS_PREFIX}request-validators`:
        if (isRecord(value)) {
          for (const [name, validator] of Object.entries(value)) {
            if (!isRecord(validator)) {
              report.skip(appendPointer(pointer, name), key, `The request validator "${name}" is not an object; it is left out.`);
              continue;
            }
            // AWS reads a missing flag as false.
            validators.set(name, {
              validateRequestBody: validator.validateRequestBody === true,
              validateRequestParameters: validator.validateRequestParameters === true,
            });
          }
        }
        if (validators.size > 0) definition.requestValidators = Object.fromEntries(validators);
        report.add(pointer, key, "applied", `Request validators: ${[...validators.keys()].join(", ") || "none"}.`);
        break;
      case `${AWS_PREFIX}request-validator`:
        // Read after the validators map, whatever the key order.
        break;
      default:
        reportUnhandledExtension(ctx, pointer, key);
    }
  }
  const defaultName = root[`${AWS_PREFIX}request-validator`];
  if (defaultName !== undefined) {
    const pointer = toPointer([`${AWS_PREFIX}request-validator`]);
    const rules = validators.get(textOf(defaultName));
    if (rules) {
      ctx.defaultValidator = validatorKind(rules);
      definition.defaultRequestValidator = textOf(defaultName);
      report.add(
        pointer,
        `${AWS_PREFIX}request-validator`,
        "applied",
        `Methods validate with "${textOf(defaultName)}" unless they name their own.`,
      );
    } else {
      report.skip(
        pointer,
        `${AWS_PREFIX}request-validator`,
        `No request validator is named "${textOf(defaultName)}" in x-amazon-apigateway-request-validators; methods that name none validate nothing.`,
      );
    }
  } else if (validators.size === 0) {
    report.add(
      "",
      "request validation",
      "applied",
      "The document sets no request validator: as in AWS, requests are not validated. Set x-amazon-apigateway-request-validator on the API or on a method to validate them.",
    );
  }
}

/** Any x- key Portico does not read, wherever it is: the AWS ones it knows are named as unsupported. */
export function reportUnhandledExtension(ctx: ConvertContext, pointer: string, key: string) {
  if (key.startsWith(AWS_PREFIX)) {
    const unsupported: Record<string, string> = {
      [`${AWS_PREFIX}policy`]: "Resource policies are not supported; use API keys and usage plans.",
      [`${AWS_PREFIX}authorizer`]: "Lambda and Cognito authorizers are not supported.",
      [`${AWS_PREFIX}authtype`]: "Custom authorization types are not supported.",
      [`${AWS_PREFIX}auth`]: "Custom authorization types are not supported.",
      [`${AWS_PREFIX}endpoint-configuration`]:
        "Endpoint configuration (edge, regional, private, VPC endpoints) does not apply to a self-hosted gateway.",
      [`${AWS_PREFIX}minimum-compression-size`]: "Response compression settings are not supported.",
      [`${AWS_PREFIX}integrations`]:
        "Reusable HTTP API integrations are not supported; set x-amazon-apigateway-integration on each method.",
    };
    const message = unsupported[key] ?? `${key} has no equivalent in Portico and was ignored.`;
    ctx.report.add(pointer, key, unsupported[key] ? "unsupported" : "ignored", message);
  } else {
    ctx.report.add(pointer, key, "ignored", `The extension ${key} is not used by Portico.`);
  }
}

/**
 * What a method validates, as AWS decides it: the validator the operation
 * names, else the API's default, else nothing. The operation's own name is
 * kept on the method for export.
 */
export function readValidator(ctx: ConvertContext, method: MethodDefinition, operation: Record<string, unknown>, pointer: string) {
  const name = operation[`${AWS_PREFIX}request-validator`];
  if (name === undefined) {
    method.requestValidator = ctx.defaultValidator ?? "NONE";
    return;
  }
  const rules = ctx.validators.get(textOf(name));
  const validatorPointer = appendPointer(pointer, `${AWS_PREFIX}request-validator`);
  if (!rules) {
    method.requestValidator = "NONE";
    ctx.report.skip(
      validatorPointer,
      `${AWS_PREFIX}request-validator`,
      `No request validator is named "${textOf(name)}" in x-amazon-apigateway-request-validators; the method is not validated.`,
    );
    return;
  }
  method.requestValidator = validatorKind(rules);
  method.requestValidatorName = textOf(name);
  ctx.report.add(validatorPointer, `${AWS_PREFIX}request-validator`, "applied", `The method validates with "${textOf(name)}".`);
}

export function readIntegration(ctx: ConvertContext, raw: Record<string, unknown>, pointer: string): IntegrationDefinition {
  const { report } = ctx;
  const typeName = textOf(raw.type ?? "").toLowerCase();
  const types: Record<string, IntegrationDefinition["type"]> = {
    http: "HTTP",
    http_proxy: "HTTP_PROXY",
    mock: "MOCK",
    aws: "AWS",
    aws_proxy: "AWS_PROXY",
  };
  const type = types[typeName] ?? "MOCK";
  const integration: IntegrationDefinition = {
    type,
    timeoutMs: typeof raw.timeoutInMillis === "number" && raw.timeoutInMillis > 0 ? Math.round(raw.timeoutInMillis) : DEFAULT_TIMEOUT_MS,
    requestParameters: stringRecord(raw.requestParameters),
    requestTemplates: stringRecord(raw.requestTemplates),
    responses: isRecord(raw.responses) ? objectRecord(raw.responses) : {},
  };
  // A mock calls nothing: API Gateway keeps no httpMethod for it.
  if (typeof raw.httpMethod === "string" && type !== "MOCK") integration.httpMethod = raw.httpMethod.toUpperCase();
  if (typeof raw.uri === "string") integration.uri = raw.uri;
  if (typeof raw.passthroughBehavior === "string") {
    const behavior = raw.passthroughBehavior.toUpperCase();
    if (PASSTHROUGH.includes(behavior)) integration.passthroughBehavior = behavior;
    else
      report.add(
        appendPointer(pointer, "passthroughBehavior"),
        "passthroughBehavior",
        "ignored",
        `passthroughBehavior ${raw.passthroughBehavior} is not one of ${PASSTHROUGH.join(", ")}; WHEN_NO_MATCH (the default) applies.`,
      );
  }
  for (const field of ["contentHandling", "payloadFormatVersion", "credentials", "connectionType", "connectionId"] as const) {
    const value = raw[field];
    if (typeof value === "string" && value !== "") integration[field] = value;
  }
  if (integration.contentHandling !== undefined && !CONTENT_HANDLING.includes(integration.contentHandling)) {
    report.add(
      appendPointer(pointer, "contentHandling"),
      "contentHandling",
      "ignored",
      `contentHandling ${integration.contentHandling} is not CONVERT_TO_TEXT or CONVERT_TO_BINARY; payloads pass as they are.`,
    );
    delete integration.contentHandling;
  }
  // An HTTP API writes its parameter mapping where a REST API writes request parameters.
  const httpApiMapping = Object.keys(integration.requestParameters).filter((key) => /^(append|overwrite|remove):/.test(key));
  if (httpApiMapping.length > 0) {
    integration.parameterMapping = {};
    for (const key of httpApiMapping) {
      integration.parameterMapping[key] = integration.requestParameters[key];
      delete integration.requestParameters[key];
    }
  }
  if (isRecord(raw.requestParameters) && Object.values(raw.requestParameters).some((value) => typeof value !== "string")) {
    report.add(
      appendPointer(pointer, "requestParameters"),
      "integration request parameters",
      "ignored",
      "Mappings whose value is not a string were dropped (AWS warns about them too).",
    );
  }
  const templates = Object.keys(integration.requestTemplates).length;
  const responses = Object.keys(integration.responses).length;
  const mapping = [
    templates > 0 ? `${templates} request template(s)` : "",
    responses > 0 ? `${responses} integration response(s)` : "",
    Object.keys(integration.requestParameters).length > 0 ? "parameter mappings" : "",
    integration.parameterMapping ? "HTTP API parameter mapping" : "",
  ]
    .filter((part) => part !== "")
    .join(", ");
  const served = mapping === "" ? "" : ` The gateway applies its ${mapping}.`;
  if (!types[typeName]) {
    integration.mockResponse = mockResponseFrom(integration);
    report.add(
      pointer,
      `integration (${String(raw.type)})`,
      "unsupported",
      `Integration type ${String(raw.type)} is unknown; the method answers as a mock.`,
    );
  } else if (type === "AWS" || type === "AWS_PROXY") {
    const lambda = integration.uri !== undefined && /:lambda:path\/2015-03-31\/functions\//.test(integration.uri);
    if (lambda) {
      const version = type === "AWS_PROXY" ? ` with the proxy event (payload format ${integration.payloadFormatVersion ?? "1.0"})` : "";
      report.add(
        pointer,
        `integration (${typeName})`,
        "applied",
        `Requests invoke the Lambda function ${lambdaFunctionOf(integration.uri!)}${version} through the Lambda Invoke API.${served}`,
      );
    } else {
      report.add(
        pointer,
        `integration (${typeName})`,
        "unsupported",
        `AWS service integrations other than Lambda (${integration.uri ?? "no URI"}) are kept for export but not served: deploying refuses the method until it gets a Lambda, HTTP or mock integration.`,
      );
    }
  } else if (type === "MOCK") {
    integration.mockResponse = mockResponseFrom(integration);
    report.add(
      pointer,
      "integration (mock)",
      "applied",
      templates > 0 || responses > 0
        ? `The gateway answers as API Gateway's mock: the request template's statusCode selects the integration response.${served}`
        : `The gateway answers ${integration.mockResponse.statusCode} with an empty body.`,
    );
  } else {
    report.add(pointer, `integration (${typeName})`, "applied", `Requests go to ${integration.uri ?? "(no URI)"}.${served}`);
  }
  if (integration.credentials !== undefined) {
    report.add(
      appendPointer(pointer, "credentials"),
      "integration.credentials",
      "emulated",
      `The role ${integration.credentials} is kept for export; the gateway calls AWS with its own credentials (the SDK's standard configuration).`,
    );
  }
  if (integration.connectionType === "VPC_LINK") {
    report.add(
      appendPointer(pointer, "connectionType"),
      "integration.connectionType",
      "emulated",
      `The VPC link ${integration.connectionId ?? ""} is kept for export; the gateway reaches ${integration.uri ?? "the URI"} directly.`,
    );
  }
  for (const key of Object.keys(raw)) {
    if (INTEGRATION_FIELDS.includes(key)) continue;
    report.add(appendPointer(pointer, key), `integration.${key}`, "ignored", `${key} has no equivalent in Portico and was ignored.`);
  }
  return integration;
}

/** Reported once for the whole document rather than once per method. */
export function reportMissingIntegrations(ctx: ConvertContext) {
  if (ctx.missingIntegrations === 0) return;
  ctx.report.add(
    "/paths",
    "integration",
    "ignored",
    `${ctx.missingIntegrations} method(s) have no x-amazon-apigateway-integration: they are created without an integration; choose one (HTTP proxy, HTTP or mock) before deploying.`,
  );
}

function mockResponseFrom(integration: IntegrationDefinition): NonNullable<IntegrationDefinition["mockResponse"]> {
  const template = integration.requestTemplates["application/json"] ?? Object.values(integration.requestTemplates)[0] ?? "";
  const match = template.match(/"?statusCode"?\s*:\s*"?(\d{3})/);
  const statusCode = match ? Number(match[1]) : 200;
  const responses = Object.values(integration.responses);
  const response =
    responses.find((candidate) => String(candidate.statusCode) === String(statusCode)) ??
    responses.find((candidate) => candidate.statusCode !== undefined) ??
    {};
  const templates = isRecord(response.responseTemplates) ? stringRecord(response.responseTemplates) : {};
  const body = templates["application/json"] ?? Object.values(templates)[0] ?? "";
  const headers: Record<string, string> = {};
  if (isRecord(response.responseParameters)) {
    for (const [key, value] of Object.entries(response.responseParameters)) {
      const header = key.match(/^method\.response\.header\.(.+)$/);
      // Only static values ('...') can be answered without a request context.
      if (header && typeof value === "string" && /^'.*'$/.test(value)) headers[header[1]] = value.slice(1, -1);
    }
  }
  return { statusCode, headers, body };
}

function readCors(value: unknown): CorsPolicy | undefined {
  if (!isRecord(value)) return undefined;
  const list = (field: unknown) => (Array.isArray(field) ? field.map(String) : []);
  const cors: CorsPolicy = {
    allowOrigins: list(value.allowOrigins),
    allowMethods: list(value.allowMethods),
    allowHeaders: list(value.allowHeaders),
    exposeHeaders: list(value.exposeHeaders),
    allowCredentials: value.allowCredentials === true,
  };
  if (typeof value.maxAge === "number") cors.maxAgeSeconds = Math.max(0, Math.round(value.maxAge));
  return cors;
}

function stringRecord(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(value)) return result;
  for (const [key, item] of Object.entries(value)) if (typeof item === "string") result[key] = item;
  return result;
}

function objectRecord(value: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [key, item] of Object.entries(value)) if (isRecord(item)) result[key] = item;
  return result;
}
