import { dump as dumpYaml } from "js-yaml";
import type {
  ApiDefinition,
  IntegrationDefinition,
  MethodDefinition,
  ModelDefinition,
  RequestParameter,
  RequestValidatorKind,
  RequestValidatorRules,
} from "./model";
import type { AuthorizerBody } from "@/lib/schemas/authorizer";
import { adaptSchema, type ExportVersion } from "./schema-dialects";
import { validatorKind } from "./import/aws-extensions";
import { renameIntegrationVariables } from "./import/paths";
import { isRecord } from "./pointer";
import { definitionsOf, toDocumentSchema, type SchemaContainer } from "./schema-refs";

export type ExportFormat = "oas30" | "oas31" | "swagger2";
export type ExportExtensions = "aws" | "none";
export type ExportType = "json" | "yaml";

export interface ExportOptions {
  format: ExportFormat;
  /** "aws" adds the x-amazon-apigateway-* extensions, so that AWS API Gateway (and Portico) can import the file with its integrations. */
  extensions: ExportExtensions;
}

const API_KEY_SCHEME = "api_key";
const AWS = "x-amazon-apigateway-";

/** Names AWS's console gives the three useful validators, used for methods whose validation was set without a name. */
const VALIDATOR_NAMES: Record<RequestValidatorKind, string> = {
  NONE: "Validate nothing",
  BODY: "Validate body",
  PARAMS: "Validate query string parameters and headers",
  BODY_AND_PARAMS: "Validate body, query string parameters, and headers",
};

function rulesOf(kind: RequestValidatorKind): RequestValidatorRules {
  return {
    validateRequestBody: kind === "BODY" || kind === "BODY_AND_PARAMS",
    validateRequestParameters: kind === "PARAMS" || kind === "BODY_AND_PARAMS",
  };
}

const JSON_TYPE = "application/json";

/**
 * ApiDefinition → an OpenAPI 3.0, 3.1 or Swagger 2.0 document. Whatever
 * Portico stores survives import → export → import; what the target version's
 * Schema Object cannot hold travels as x-portico-* extensions.
 *
 * CORS: with AWS extensions the policy is written as x-amazon-apigateway-cors.
 * AWS's REST API import ignores that extension (AWS expects OPTIONS mock
 * methods); Portico does not invent OPTIONS methods, which would come back
 * as real methods on the next import.
 */
export function exportDefinition(definition: ApiDefinition, options: ExportOptions): Record<string, unknown> {
  const version: ExportVersion = options.format === "swagger2" ? "2.0" : options.format === "oas30" ? "3.0" : "3.1";
  return new Exporter(definition, version, options.extensions === "aws").run();
}

export function serializeDocument(document: Record<string, unknown>, type: ExportType): string {
  if (type === "json") return JSON.stringify(document, null, 2) + "\n";
  return dumpYaml(document, { noRefs: true, lineWidth: -1 });
}

class Exporter {
  private readonly container: SchemaContainer;
  private readonly models: Map<string, ModelDefinition>;
  private usesApiKey = false;
  /** The API's named validators, and those export names for methods that validate without one. */
  private readonly validators: Map<string, RequestValidatorRules>;
  /** What a method validates when it names no validator. */
  private readonly inheritedValidation: RequestValidatorKind;

  constructor(
    private readonly definition: ApiDefinition,
    private readonly version: ExportVersion,
    private readonly aws: boolean,
  ) {
    this.container = version === "2.0" ? "/definitions" : "/components/schemas";
    this.models = new Map(definition.models.map((model) => [model.name, model]));
    this.validators = new Map(Object.entries(definition.requestValidators ?? {}));
    const defaultRules = definition.defaultRequestValidator ? this.validators.get(definition.defaultRequestValidator) : undefined;
    this.inheritedValidation = defaultRules ? validatorKind(defaultRules) : "NONE";
  }

  run(): Record<string, unknown> {
    const { definition } = this;
    const info: Record<string, unknown> = { title: definition.name, version: definition.version ?? "1.0.0" };
    if (definition.description) info.description = definition.description;
    const document: Record<string, unknown> =
      this.version === "2.0" ? { swagger: "2.0", info } : { openapi: this.version === "3.0" ? "3.0.3" : "3.1.0", info };
    document.paths = this.paths();
    const schemas = this.schemas();
    const schemes: Record<string, unknown> = this.usesApiKey
      ? { [API_KEY_SCHEME]: { type: "apiKey", name: "x-api-key", in: "header" } }
      : {};
    for (const authorizer of definition.authorizers ?? []) schemes[authorizer.name] = this.authorizerScheme(authorizer);
    const securitySchemes = Object.keys(schemes).length > 0 ? schemes : undefined;
    if (this.version === "2.0") {
      if (Object.keys(schemas).length > 0) document.definitions = schemas;
      if (securitySchemes) document.securityDefinitions = securitySchemes;
    } else {
      const components: Record<string, unknown> = {};
      if (Object.keys(schemas).length > 0) components.schemas = schemas;
      if (securitySchemes) components.securitySchemes = securitySchemes;
      if (Object.keys(components).length > 0) document.components = components;
    }
    if (this.aws) Object.assign(document, this.rootExtensions());
    return document;
  }

  private rootExtensions(): Record<string, unknown> {
    const { definition } = this;
    const extensions: Record<string, unknown> = { [`${AWS}api-key-source`]: definition.apiKeySource };
    // Validators only where the API has them: without any, AWS (and Portico) validate nothing.
    if (this.validators.size > 0) extensions[`${AWS}request-validators`] = Object.fromEntries(this.validators);
    if (definition.defaultRequestValidator && this.validators.has(definition.defaultRequestValidator))
      extensions[`${AWS}request-validator`] = definition.defaultRequestValidator;
    if (definition.binaryMediaTypes.length > 0) extensions[`${AWS}binary-media-types`] = definition.binaryMediaTypes;
    if (definition.gatewayResponses) extensions[`${AWS}gateway-responses`] = definition.gatewayResponses;
    if (definition.cors) {
      const { maxAgeSeconds, ...rest } = definition.cors;
      extensions[`${AWS}cors`] = maxAgeSeconds === undefined ? rest : { ...rest, maxAge: maxAgeSeconds };
    }
    return extensions;
  }

  private schemas(): Record<string, unknown> {
    const schemas: Record<string, unknown> = {};
    for (const model of this.definition.models) {
      const schema = toDocumentSchema(model.schema, model.name, this.container);
      if (model.contentType !== "application/json") schema["x-portico-content-type"] = model.contentType;
      schemas[model.name] = adaptSchema(schema, this.version);
    }
    // Named schemas a model reached that are not models themselves (models edited by hand) are written too.
    for (const model of this.definition.models) {
      for (const [name, schema] of Object.entries(definitionsOf(model.schema))) {
        if (!(name in schemas)) schemas[name] = adaptSchema(toDocumentSchema(schema, name, this.container), this.version);
      }
    }
    return schemas;
  }

  private paths(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const resource of this.definition.resources) {
      paths[resource.path] ??= {};
      for (const method of resource.methods) {
        // A method whose path variables the import renamed is written under the path as its document wrote it.
        const item = (paths[documentPath(resource.path, method)] ??= {});
        if (method.httpMethod === "ANY") {
          if (this.aws) item[`${AWS}any-method`] = this.operation(method);
        } else {
          item[method.httpMethod.toLowerCase()] = this.operation(method);
        }
      }
      if (Object.keys(paths[resource.path]).length === 0 && resource.methods.length > 0) delete paths[resource.path];
    }
    return paths;
  }

  private operation(method: MethodDefinition): Record<string, unknown> {
    const operation: Record<string, unknown> = {};
    if (method.operationName) operation.operationId = method.operationName;
    if (method.summary) operation.summary = method.summary;
    const parameters: Record<string, unknown>[] = method.requestParameters.map((parameter) => this.parameter(parameter));
    const model = method.requestModelName ? this.models.get(method.requestModelName) : undefined;
    if (method.requestModelName) {
      const schema = { $ref: this.refTo(method.requestModelName) };
      const contentType = method.requestContentType ?? model?.contentType ?? JSON_TYPE;
      if (this.version === "2.0") {
        parameters.push({ name: "body", in: "body", required: true, schema });
        if (contentType !== JSON_TYPE) operation.consumes = [contentType];
      } else {
        operation.requestBody = { content: { [contentType]: { schema } } };
      }
    }
    if (parameters.length > 0) operation.parameters = parameters;
    const responses = this.responses(method);
    if (this.version === "2.0") {
      // One produces list serves every response of a 2.0 operation, and the
      // import reads a JSON type from it first: a response of another type
      // says so beside its schema.
      const types = [
        ...new Set(Object.values(method.responses).flatMap((response) => (response.modelName ? [this.responseType(response)] : []))),
      ];
      if (types.some((type) => type !== JSON_TYPE)) operation.produces = types;
      const read = types.find((type) => type.includes("json")) ?? types[0];
      for (const [code, response] of Object.entries(method.responses)) {
        const entry = responses[code];
        if (response.modelName && isRecord(entry) && this.responseType(response) !== read)
          entry["x-portico-content-type"] = this.responseType(response);
      }
    }
    // 3.1 makes responses optional but, when present, non-empty.
    if (Object.keys(responses).length > 0) operation.responses = responses;
    const requirement: Record<string, string[]> = {};
    if (method.authorizerName !== undefined && method.authorizationType !== "NONE" && method.authorizationType !== "API_KEY") {
      requirement[method.authorizerName] = method.authorizationScopes ?? [];
    }
    if (method.authorizationType === "API_KEY" || method.apiKeyRequired) {
      this.usesApiKey = true;
      requirement[API_KEY_SCHEME] = [];
    }
    if (Object.keys(requirement).length > 0) operation.security = [requirement];
    if (this.aws) {
      const validator = this.validatorName(method);
      if (validator !== undefined) operation[`${AWS}request-validator`] = validator;
      if (method.integration) operation[`${AWS}integration`] = awsIntegration(withDocumentNames(method.integration, method));
    }
    return operation;
  }

  /**
   * An authorizer as API Gateway writes it: a security scheme with
   * x-amazon-apigateway-authorizer (and -authtype for REST API types).
   * Without AWS extensions a JWT issuer is an OpenID Connect scheme (an
   * apiKey header in Swagger 2.0, which has none) and the others name the
   * header they read.
   */
  private authorizerScheme(authorizer: AuthorizerBody): Record<string, unknown> {
    const header = (source: string) =>
      source.startsWith("method.request.header.") ? source.slice("method.request.header.".length) : "Authorization";
    if (!this.aws) {
      if (authorizer.type === "JWT" && this.version !== "2.0") {
        return { type: "openIdConnect", openIdConnectUrl: `${authorizer.issuer.replace(/\/$/, "")}/.well-known/openid-configuration` };
      }
      const source = authorizer.type === "REQUEST" ? (authorizer.identitySource[0] ?? "") : authorizer.identitySource;
      return { type: "apiKey", name: header(source), in: "header" };
    }
    switch (authorizer.type) {
      case "JWT":
        return {
          ...(this.version === "2.0"
            ? { type: "apiKey", name: header(authorizer.identitySource), in: "header" }
            : { type: "openIdConnect", openIdConnectUrl: `${authorizer.issuer.replace(/\/$/, "")}/.well-known/openid-configuration` }),
          [`${AWS}authorizer`]: {
            type: "jwt",
            identitySource: authorizer.identitySource.replace(/^method\.request\./, "$request."),
            jwtConfiguration: { issuer: authorizer.issuer, audience: authorizer.audience },
            ...(authorizer.jwksUri !== undefined ? { "x-portico-jwks-uri": authorizer.jwksUri } : {}),
            ...(authorizer.algorithms !== undefined ? { "x-portico-algorithms": authorizer.algorithms } : {}),
          },
        };
      case "COGNITO_USER_POOLS":
        return {
          type: "apiKey",
          name: header(authorizer.identitySource),
          in: "header",
          [`${AWS}authtype`]: "cognito_user_pools",
          [`${AWS}authorizer`]: {
            type: "cognito_user_pools",
            providerARNs: authorizer.providerArns,
            identitySource: authorizer.identitySource,
          },
        };
      case "TOKEN":
        return {
          type: "apiKey",
          name: header(authorizer.identitySource),
          in: "header",
          [`${AWS}authtype`]: "custom",
          [`${AWS}authorizer`]: {
            type: "token",
            authorizerUri: authorizer.authorizerUri,
            authorizerResultTtlInSeconds: authorizer.resultTtlSeconds,
            identitySource: authorizer.identitySource,
            ...(authorizer.identityValidationExpression !== undefined
              ? { identityValidationExpression: authorizer.identityValidationExpression }
              : {}),
          },
        };
      case "REQUEST":
        return {
          type: "apiKey",
          name: header(authorizer.identitySource[0] ?? ""),
          in: "header",
          [`${AWS}authtype`]: "custom",
          [`${AWS}authorizer`]: {
            type: "request",
            authorizerUri: authorizer.authorizerUri,
            authorizerResultTtlInSeconds: authorizer.resultTtlSeconds,
            identitySource: authorizer.identitySource.join(", "),
            ...(authorizer.simpleResponses ? { enableSimpleResponses: true } : {}),
            ...(authorizer.payloadFormatVersion === "2.0" ? { authorizerPayloadFormatVersion: "2.0" } : {}),
          },
        };
    }
  }

  private parameter(parameter: RequestParameter): Record<string, unknown> {
    const location = parameter.in === "querystring" ? "query" : parameter.in;
    const result: Record<string, unknown> = { name: parameter.originalName ?? parameter.name, in: location, required: parameter.required };
    if (this.version === "2.0") {
      // Swagger 2.0 parameters hold a subset of JSON Schema inline; the full schema travels beside it.
      const schema = parameter.schema;
      result.type =
        typeof schema?.type === "string" && ["string", "number", "integer", "boolean", "array"].includes(schema.type)
          ? schema.type
          : "string";
      if (result.type === "array") result.items = { type: "string" };
      if (schema) result["x-portico-schema"] = schema;
      else result["x-portico-no-schema"] = true;
      return result;
    }
    if (parameter.schema) {
      result.schema = adaptSchema(toDocumentSchema(parameter.schema, "", this.container), this.version);
    } else {
      result.schema = { type: "string" };
      result["x-portico-no-schema"] = true;
    }
    return result;
  }

  private responses(method: MethodDefinition): Record<string, unknown> {
    const responses: Record<string, unknown> = {};
    for (const [code, response] of Object.entries(method.responses)) {
      const entry: Record<string, unknown> = { description: response.description ?? "" };
      if (response.modelName) {
        const schema = { $ref: this.refTo(response.modelName) };
        if (this.version === "2.0") entry.schema = schema;
        else entry.content = { [this.responseType(response)]: { schema } };
      }
      responses[code] = entry;
    }
    if (Object.keys(responses).length === 0 && this.version !== "3.1") {
      // 2.0 and 3.0 require at least one response; this one is dropped again on import.
      responses.default = { description: "", "x-portico-generated": true };
    }
    return responses;
  }

  private responseType(response: MethodDefinition["responses"][string]): string {
    return response.contentType ?? (response.modelName ? this.models.get(response.modelName)?.contentType : undefined) ?? JSON_TYPE;
  }

  /**
   * The validator an operation names: its own when its rules still match
   * what it validates, none when it validates what it would inherit, else
   * one of the API's validators with the right rules (one named as AWS's
   * console names it is added when there is none).
   */
  private validatorName(method: MethodDefinition): string | undefined {
    const own = method.requestValidatorName ? this.validators.get(method.requestValidatorName) : undefined;
    if (method.requestValidatorName && own && validatorKind(own) === method.requestValidator) return method.requestValidatorName;
    if (method.requestValidator === this.inheritedValidation) return undefined;
    for (const [name, rules] of this.validators) if (validatorKind(rules) === method.requestValidator) return name;
    let name = VALIDATOR_NAMES[method.requestValidator];
    for (let suffix = 2; this.validators.has(name); suffix++) name = `${VALIDATOR_NAMES[method.requestValidator]} (${suffix})`;
    this.validators.set(name, rulesOf(method.requestValidator));
    return name;
  }

  private refTo(modelName: string): string {
    return "#" + this.container + "/" + modelName.replace(/~/g, "~0").replace(/\//g, "~1");
  }
}

/** The renames the import made to a method's path variables, undone: name used → the document's name. */
function documentNames(method: MethodDefinition): Map<string, string> {
  const names = new Map<string, string>();
  for (const parameter of method.requestParameters)
    if (parameter.in === "path" && parameter.originalName !== undefined) names.set(parameter.name, parameter.originalName);
  return names;
}

/** "/calls/{Sid}/events" for a method whose document called the variable {CallSid}: "/calls/{CallSid}/events". */
function documentPath(path: string, method: MethodDefinition): string {
  const names = documentNames(method);
  if (names.size === 0) return path;
  return path.replace(/\{([^}+]+)(\+?)\}/g, (token, name: string, greedy: string) => {
    const original = names.get(name);
    return original === undefined ? token : `{${original}${greedy}}`;
  });
}

function withDocumentNames(integration: IntegrationDefinition, method: MethodDefinition): IntegrationDefinition {
  const names = documentNames(method);
  if (names.size === 0) return integration;
  const copy = { ...integration, requestParameters: { ...integration.requestParameters } };
  renameIntegrationVariables(copy, names);
  return copy;
}

/** The integration in AWS's x-amazon-apigateway-integration shape. */
function awsIntegration(integration: IntegrationDefinition): Record<string, unknown> {
  const result: Record<string, unknown> = { type: integration.type.toLowerCase() };
  if (integration.httpMethod) result.httpMethod = integration.httpMethod;
  if (integration.uri) result.uri = integration.uri;
  let requestTemplates = integration.requestTemplates;
  let responses: Record<string, unknown> = integration.responses;
  const mock = integration.mockResponse;
  const isDefaultMock = !mock || (mock.statusCode === 200 && mock.body === "" && Object.keys(mock.headers).length === 0);
  if (
    integration.type === "MOCK" &&
    mock &&
    !isDefaultMock &&
    Object.keys(requestTemplates).length === 0 &&
    Object.keys(responses).length === 0
  ) {
    // A mock built in the console becomes AWS's equivalent: a status template and a static response.
    requestTemplates = { "application/json": `{"statusCode": ${mock.statusCode}}` };
    const responseParameters = Object.fromEntries(
      Object.entries(mock.headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`]),
    );
    responses = {
      default: {
        statusCode: String(mock.statusCode),
        ...(Object.keys(responseParameters).length > 0 ? { responseParameters } : {}),
        responseTemplates: { "application/json": mock.body },
      },
    };
  }
  if (Object.keys(responses).length > 0) result.responses = responses;
  // An HTTP API's parameter mapping is written where AWS reads it: beside the request parameters.
  const requestParameters = { ...integration.requestParameters, ...(integration.parameterMapping ?? {}) };
  if (Object.keys(requestParameters).length > 0) result.requestParameters = requestParameters;
  if (Object.keys(requestTemplates).length > 0) result.requestTemplates = requestTemplates;
  if (integration.passthroughBehavior) result.passthroughBehavior = integration.passthroughBehavior;
  for (const field of ["contentHandling", "payloadFormatVersion", "credentials", "connectionType", "connectionId"] as const) {
    const value = integration[field];
    if (value !== undefined) result[field] = value;
  }
  result.timeoutInMillis = integration.timeoutMs;
  return result;
}
