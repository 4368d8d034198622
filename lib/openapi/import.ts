import type {
  ApiDefinition,
  CorsPolicy,
  ImportReportEntry,
  IntegrationDefinition,
  MethodDefinition,
  MethodResponse,
  ModelDefinition,
  RequestParameter,
  RequestValidatorKind,
  ResourceDefinition,
} from "./model";
import { parseSource, type ParsedSource } from "./parse";
import { InvalidDocumentError } from "./problems";
import { appendPointer, isRecord, toPointer } from "./pointer";
import { restoreSchema } from "./schema-dialects";
import { SchemaResolver } from "./schema-refs";
import { HTTP_METHODS, resolveRef, validateDocument, type SpecVersion } from "./validate";

export interface ImportResult {
  version: SpecVersion;
  definition: ApiDefinition;
  report: ImportReportEntry[];
}

export interface ImportTimings {
  parseMs: number;
  validateMs: number;
  convertMs: number;
}

/**
 * Text → validated document → ApiDefinition with its report. Throws
 * InvalidDocumentError, with every problem placed at a line and column, when
 * the document cannot be imported.
 */
export function importOpenApiText(text: string, timings?: Partial<ImportTimings>): ImportResult & { source: ParsedSource } {
  let started = performance.now();
  const source = parseSource(text);
  if (timings) timings.parseMs = performance.now() - started;
  started = performance.now();
  const { version, problems } = validateDocument(source.document);
  if (timings) timings.validateMs = performance.now() - started;
  if (problems.length > 0 || !version) {
    const located = problems.map((problem) => ({ ...problem, ...(problem.pointer !== undefined ? source.locate(problem.pointer) : {}) }));
    const first = located[0];
    const where = first?.line ? ` (line ${first.line}, column ${first.column})` : "";
    const more = located.length > 1 ? ` ${located.length - 1} more problem(s) are listed in the details.` : "";
    throw new InvalidDocumentError(`The document cannot be imported: ${first?.message ?? "it is not valid"}${where}.${more}`, located);
  }
  started = performance.now();
  const result = convertDocument(source.document as Record<string, unknown>, version);
  if (timings) timings.convertMs = performance.now() - started;
  return { ...result, source };
}

/** A validated document → ApiDefinition. */
export function convertDocument(document: Record<string, unknown>, version: SpecVersion): ImportResult {
  return new Converter(document, version).run();
}

const DEFAULT_TIMEOUT_MS = 29_000;
const AWS_PREFIX = "x-amazon-apigateway-";
const ANY_METHOD = "x-amazon-apigateway-any-method";

const HANDLED_ROOT_KEYS = new Set([
  "swagger",
  "openapi",
  "info",
  "paths",
  "components",
  "definitions",
  "securityDefinitions",
  "security",
  "consumes",
  "produces",
  "parameters",
  "responses",
]);

const HANDLED_OPERATION_KEYS = new Set([
  "operationId",
  "summary",
  "parameters",
  "requestBody",
  "responses",
  "security",
  "consumes",
  "produces",
  "description",
  "x-amazon-apigateway-integration",
  "x-amazon-apigateway-request-validator",
]);

const VALIDATOR_KINDS: Record<string, RequestValidatorKind> = {
  "false,false": "NONE",
  "true,false": "BODY",
  "false,true": "PARAMS",
  "true,true": "BODY_AND_PARAMS",
};

class Converter {
  private readonly report: ImportReportEntry[] = [];
  private readonly schemas: SchemaResolver;
  private readonly models = new Map<string, ModelDefinition>();
  private readonly validators = new Map<string, RequestValidatorKind>();
  private readonly usesValidatorExtensions: boolean;
  private defaultValidator: RequestValidatorKind | undefined;
  private missingIntegrations = 0;

  constructor(
    private readonly root: Record<string, unknown>,
    private readonly version: SpecVersion,
  ) {
    this.schemas = new SchemaResolver(root, version === "2.0" ? "/definitions" : "/components/schemas");
    this.usesValidatorExtensions =
      `${AWS_PREFIX}request-validators` in root ||
      `${AWS_PREFIX}request-validator` in root;
  }

  run(): ImportResult {
    const info = isRecord(this.root.info) ? this.root.info : {};
    const definition: ApiDefinition = {
      name: truncate(typeof info.title === "string" && info.title.trim() ? info.title.trim() : "Imported API", 128),
      description: truncate(typeof info.description === "string" ? info.description : "", 1024),
      version: typeof info.version === "string" ? info.version : undefined,
      apiKeySource: "HEADER",
      binaryMediaTypes: [],
      models: [],
      resources: [],
    };
    if (definition.version === undefined) delete definition.version;
    this.add("/info", "info", "applied", "The title, description and version describe the API.");

    this.readRootExtensions(definition);
    this.readBasePath();
    this.readModels();
    this.readSecuritySchemes();
    this.readOtherRootKeys();
    definition.resources = this.readResources();
    if (this.missingIntegrations > 0) {
      this.add(
        "/paths",
        "integration",
        "ignored",
        `${this.missingIntegrations} method(s) have no x-amazon-apigateway-integration: they are created without an integration; choose one (HTTP proxy, HTTP or mock) before deploying.`,
      );
    }
    definition.models = [...this.models.values()];
    return { version: this.version, definition, report: this.report };
  }

  private add(pointer: string, feature: string, outcome: ImportReportEntry["outcome"], message: string) {
    this.report.push({ pointer, feature, outcome, message });
  }

  private readRootExtensions(definition: ApiDefinition) {
    for (const [key, value] of Object.entries(this.root)) {
      if (!key.startsWith("x-")) continue;
      const pointer = toPointer([key]);
      switch (key) {
        case `${AWS_PREFIX}api-key-source`:
          if (value === "HEADER") this.add(pointer, key, "applied", "API keys are read from the x-api-key header.");
          else
            this.add(pointer, key, "unsupported", `API key source ${String(value)} is not supported: Portico reads API keys from the x-api-key header.`);
          break;
        case `${AWS_PREFIX}binary-media-types`:
          definition.binaryMediaTypes = Array.isArray(value) ? value.map(String) : [];
          this.add(pointer, key, "applied", `Binary media types: ${definition.binaryMediaTypes.join(", ") || "none"}.`);
          break;
        case `${AWS_PREFIX}gateway-responses`:
          if (isRecord(value)) {
            definition.gatewayResponses = value;
            this.add(pointer, key, "applied", `Custom gateway responses: ${Object.keys(value).join(", ")}.`);
          }
          break;
        case `${AWS_PREFIX}cors`: {
          const cors = readCors(value);
          if (cors) {
            definition.cors = cors;
            this.add(pointer, key, "applied", "The CORS policy is answered by the gateway, preflight included.");
          } else {
            this.add(pointer, key, "ignored", "The CORS policy is not an object and was ignored.");
          }
          break;
        }
        case `${AWS_PREFIX}request-validators`:
          if (isRecord(value)) {
            for (const [name, validator] of Object.entries(value)) {
              const body = isRecord(validator) && validator.validateRequestBody === true;
              const params = isRecord(validator) && validator.validateRequestParameters === true;
              this.validators.set(name, VALIDATOR_KINDS[`${body},${params}`]);
            }
          }
          this.add(pointer, key, "applied", `Request validators: ${[...this.validators.keys()].join(", ") || "none"}.`);
          break;
        case `${AWS_PREFIX}request-validator`:
          // Read after the validators map, whatever the key order.
          break;
        default:
          this.reportUnhandledExtension(pointer, key);
      }
    }
    const defaultName = this.root[`${AWS_PREFIX}request-validator`];
    if (defaultName !== undefined) {
      const pointer = toPointer([`${AWS_PREFIX}request-validator`]);
      this.defaultValidator = this.validators.get(String(defaultName));
      if (this.defaultValidator) this.add(pointer, `${AWS_PREFIX}request-validator`, "applied", `Methods validate with "${String(defaultName)}" by default.`);
      else this.add(pointer, `${AWS_PREFIX}request-validator`, "ignored", `No request validator is named "${String(defaultName)}".`);
    }
    if (!this.usesValidatorExtensions) {
      this.add(
        "",
        "request validation",
        "emulated",
        "The document names no request validators: each method validates the parameters and body it declares (AWS would validate nothing without x-amazon-apigateway-request-validator).",
      );
    }
  }

  private reportUnhandledExtension(pointer: string, key: string) {
    if (key.startsWith(AWS_PREFIX)) {
      const unsupported: Record<string, string> = {
        [`${AWS_PREFIX}policy`]: "Resource policies are not supported; use API keys and usage plans.",
        [`${AWS_PREFIX}authorizer`]: "Lambda and Cognito authorizers are not supported.",
        [`${AWS_PREFIX}authtype`]: "Custom authorization types are not supported.",
        [`${AWS_PREFIX}auth`]: "Custom authorization types are not supported.",
        [`${AWS_PREFIX}endpoint-configuration`]: "Endpoint configuration (edge, regional, private, VPC endpoints) does not apply to a self-hosted gateway.",
        [`${AWS_PREFIX}minimum-compression-size`]: "Response compression settings are not supported.",
        [`${AWS_PREFIX}integrations`]: "Reusable HTTP API integrations are not supported; set x-amazon-apigateway-integration on each method.",
      };
      const message = unsupported[key] ?? `${key} has no equivalent in Portico and was ignored.`;
      this.add(pointer, key, unsupported[key] ? "unsupported" : "ignored", message);
    } else {
      this.add(pointer, key, "ignored", `The extension ${key} is not used by Portico.`);
    }
  }

  private readBasePath() {
    if (this.version === "2.0") {
      if (typeof this.root.basePath === "string" && this.root.basePath !== "/") {
        this.add("/basePath", "basePath", "ignored", `The base path ${this.root.basePath} is not added to resource paths: invoke URLs start with /<api-id>/<stage>.`);
      }
      for (const key of ["host", "schemes", "basePath"]) {
        if (key in this.root && !(key === "basePath" && this.root.basePath !== "/")) {
          this.add(toPointer([key]), key, "ignored", `${key} does not apply: the gateway serves the API at its invoke URL.`);
        }
      }
      return;
    }
    if (Array.isArray(this.root.servers)) {
      this.add("/servers", "servers", "ignored", "Servers are not added to resource paths: invoke URLs start with /<api-id>/<stage>. Set integration URIs for upstreams.");
    }
  }

  private readModels() {
    for (const name of this.schemas.names()) {
      const restored = this.schemas.namedSchema(name);
      let contentType = "application/json";
      let schema = restored;
      if (isRecord(restored) && typeof restored["content-type"] === "string") {
        // Portico's export records a model's media type beside its schema.
        const { "content-type": recorded, ...rest } = restored;
        contentType = String(recorded);
        schema = rest;
      }
      this.models.set(name, {
        name: truncate(name, 128),
        description: describe(schema),
        contentType,
        schema: this.schemas.selfContained(schema, name),
      });
    }
    if (this.models.size > 0) {
      const pointer = this.version === "2.0" ? "/definitions" : "/components/schemas";
      this.add(pointer, "schemas", "applied", `${this.models.size} schema(s) became models (references to other schemas kept under definitions, circular ones included).`);
    }
  }

  private readSecuritySchemes() {
    const schemes = this.securitySchemes();
    for (const [name, scheme] of Object.entries(schemes)) {
      const pointer = this.version === "2.0" ? toPointer(["securityDefinitions", name]) : toPointer(["components", "securitySchemes", name]);
      if (isApiKeyHeader(scheme)) {
        this.add(pointer, "security scheme (apiKey)", "applied", `Methods secured by "${name}" require an API key in the x-api-key header${isRecord(scheme) && String(scheme.name).toLowerCase() !== "x-api-key" ? ` (the document names the header ${String(scheme.name)})` : ""}.`);
      } else {
        const type = isRecord(scheme) ? String(scheme.type) : "unknown";
        const authorizer = isRecord(scheme) && `${AWS_PREFIX}authorizer` in scheme;
        this.add(
          pointer,
          `security scheme (${type})`,
          "unsupported",
          authorizer
            ? `"${name}" is a Lambda or Cognito authorizer, which Portico does not run: methods using only it are imported without authorization.`
            : `"${name}" (${type}) is not enforced by Portico: only API keys in a header are. Methods using only it are imported without authorization.`,
        );
      }
    }
  }

  private securitySchemes(): Record<string, unknown> {
    const container = this.version === "2.0" ? this.root.securityDefinitions : isRecord(this.root.components) ? this.root.components.securitySchemes : undefined;
    if (!isRecord(container)) return {};
    const resolved: Record<string, unknown> = {};
    for (const [name, scheme] of Object.entries(container)) resolved[name] = resolveRef(this.root, scheme);
    return resolved;
  }

  private readOtherRootKeys() {
    for (const key of Object.keys(this.root)) {
      if (HANDLED_ROOT_KEYS.has(key) || key.startsWith("x-") || ["host", "schemes", "basePath", "servers"].includes(key)) continue;
      this.add(toPointer([key]), key, "ignored", `${key} is documentation or applies to nothing Portico runs; it is not kept.`);
    }
    if (isRecord(this.root.components)) {
      for (const key of Object.keys(this.root.components)) {
        if (["schemas", "securitySchemes", "parameters", "requestBodies", "responses"].includes(key)) continue;
        this.add(toPointer(["components", key]), `components.${key}`, "ignored", `components.${key} is not used by Portico.`);
      }
    }
  }

  private readResources(): ResourceDefinition[] {
    const paths = isRecord(this.root.paths) ? this.root.paths : {};
    const resources: ResourceDefinition[] = [];
    for (const [path, rawItem] of Object.entries(paths)) {
      if (path.startsWith("x-")) {
        this.add(toPointer(["paths", path]), path, "ignored", `The extension ${path} is not used by Portico.`);
        continue;
      }
      const item = resolveRef(this.root, rawItem);
      const pathPointer = toPointer(["paths", path]);
      if (!isRecord(item)) continue;
      const normalized = normalizePath(path);
      const methods: MethodDefinition[] = [];
      for (const [key, operation] of Object.entries(item)) {
        const method = (HTTP_METHODS as readonly string[]).includes(key) ? key.toUpperCase() : key === ANY_METHOD ? "ANY" : undefined;
        const pointer = appendPointer(pathPointer, key);
        if (method === "TRACE") {
          this.add(pointer, "trace", "unsupported", "TRACE methods are not supported by the gateway.");
          continue;
        }
        if (method && isRecord(operation)) {
          if (key === ANY_METHOD) this.add(pointer, ANY_METHOD, "applied", "An ANY method answers every HTTP method on this resource.");
          methods.push(this.readMethod(method as MethodDefinition["httpMethod"], operation, item, pointer, path));
        } else if (key === "parameters") {
          // Merged into each operation.
        } else if (key.startsWith("x-")) {
          this.reportUnhandledExtension(pointer, key);
        } else if (key !== "$ref") {
          this.add(pointer, key, "ignored", `${key} on a path is not used by Portico.`);
        }
      }
      methods.sort((a, b) => a.httpMethod.localeCompare(b.httpMethod));
      const existing = resources.find((resource) => resource.path === normalized);
      if (existing) existing.methods.push(...methods);
      else resources.push({ path: normalized, methods });
    }
    resources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.unifyVariables(resources);
  }

  /**
   * A router cannot tell /items/{id} from /items/{name}: one variable per
   * position. Documents that name it differently on different paths (Twilio's
   * does) get the first name everywhere, with parameters and URIs renamed.
   */
  private unifyVariables(resources: ResourceDefinition[]): ResourceDefinition[] {
    const variableAt = new Map<string, string>();
    const byPath = new Map<string, ResourceDefinition>();
    for (const resource of resources) {
      const renames = new Map<string, string>();
      let canonical = "";
      for (const part of resource.path.split("/").slice(1)) {
        const parent = canonical || "/";
        let segment = part;
        if (part.startsWith("{") && part.endsWith("}")) {
          const chosen = variableAt.get(parent);
          if (chosen === undefined) variableAt.set(parent, part);
          else if (chosen !== part) {
            segment = chosen;
            renames.set(part.slice(1, -1).replace(/\+$/, ""), chosen.slice(1, -1).replace(/\+$/, ""));
          }
        }
        canonical = `${canonical}/${segment}`;
      }
      canonical ||= "/";
      if (renames.size > 0) {
        for (const method of resource.methods) renameVariables(method, renames);
        this.add(
          toPointer(["paths", resource.path]),
          "path variables",
          "emulated",
          `Another path names the same variable differently; ${[...renames].map(([from, to]) => `{${from}} is renamed {${to}}`).join(", ")} here (${canonical}).`,
        );
      }
      const existing = byPath.get(canonical);
      if (!existing) {
        byPath.set(canonical, { path: canonical, methods: resource.methods });
        continue;
      }
      for (const method of resource.methods) {
        if (existing.methods.some((other) => other.httpMethod === method.httpMethod)) {
          this.add(toPointer(["paths", resource.path]), "operation", "ignored", `${method.httpMethod} ${canonical} is already defined by another path that differs only in a variable name.`);
        } else {
          existing.methods.push(method);
        }
      }
      existing.methods.sort((a, b) => a.httpMethod.localeCompare(b.httpMethod));
    }
    return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private readMethod(
    httpMethod: MethodDefinition["httpMethod"],
    operation: Record<string, unknown>,
    item: Record<string, unknown>,
    pointer: string,
    path: string,
  ): MethodDefinition {
    const method: MethodDefinition = {
      httpMethod,
      authorizationType: "NONE",
      apiKeyRequired: false,
      requestParameters: [],
      requestValidator: "NONE",
      responses: {},
    };
    if (typeof operation.operationId === "string" && operation.operationId) method.operationName = truncate(operation.operationId, 128);
    if (typeof operation.summary === "string" && operation.summary) method.summary = truncate(operation.summary, 1024);

    const { parameters, bodyModel } = this.readParameters(operation, item, pointer, path, httpMethod);
    method.requestParameters = parameters;
    const requestModel = this.version === "2.0" ? bodyModel : this.readRequestBody(operation, pointer, httpMethod, path);
    if (requestModel) method.requestModelName = requestModel;
    method.responses = this.readResponses(operation, pointer, httpMethod, path);
    this.readSecurity(method, operation, pointer);
    method.requestValidator = this.readValidator(method, operation, pointer);

    const integration = operation[`${AWS_PREFIX}integration`];
    if (isRecord(integration)) {
      method.integration = this.readIntegration(integration, appendPointer(pointer, `${AWS_PREFIX}integration`));
    } else {
      this.missingIntegrations++;
    }
    for (const key of Object.keys(operation)) {
      if (HANDLED_OPERATION_KEYS.has(key)) continue;
      if (key.startsWith("x-")) this.reportUnhandledExtension(appendPointer(pointer, key), key);
      else if (key !== "tags" && key !== "externalDocs") this.add(appendPointer(pointer, key), key, "ignored", `${key} on an operation is not used by Portico.`);
    }
    return method;
  }

  private readParameters(
    operation: Record<string, unknown>,
    item: Record<string, unknown>,
    pointer: string,
    path: string,
    httpMethod: string,
  ): { parameters: RequestParameter[]; bodyModel?: string } {
    const merged = new Map<string, { param: Record<string, unknown>; pointer: string }>();
    const collect = (list: unknown, listPointer: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((raw, index) => {
        const param = resolveRef(this.root, raw);
        if (isRecord(param)) merged.set(`${String(param.in)}:${String(param.name)}`, { param, pointer: appendPointer(listPointer, index) });
      });
    };
    // Operation parameters override path-level ones with the same name and location.
    collect(item.parameters, appendPointer(toPointer(["paths", path]), "parameters"));
    collect(operation.parameters, appendPointer(pointer, "parameters"));
    const parameters: RequestParameter[] = [];
    let bodyModel: string | undefined;
    for (const { param, pointer: paramPointer } of merged.values()) {
      const location = String(param.in);
      const name = String(param.name);
      if (location === "path" || location === "query" || location === "header") {
        const parameter: RequestParameter = {
          in: location === "query" ? "querystring" : location,
          name,
          required: location === "path" ? true : param.required === true,
        };
        const schema = this.parameterSchema(param);
        if (schema) parameter.schema = schema;
        parameters.push(parameter);
      } else if (location === "body") {
        bodyModel = this.modelFor(param.schema, this.bodyContentType(operation), `${operationLabel(httpMethod, path, operation)}Request`);
        this.add(paramPointer, "request body", "applied", `The body is validated against the model ${bodyModel}.`);
      } else {
        this.add(paramPointer, `${location} parameter`, "ignored", `${location} parameters ("${name}") are not validated by Portico.`);
      }
    }
    // OpenAPI 3 documents written for AWS often leave path parameters undeclared.
    for (const placeholder of path.match(/\{[^}]+\}/g) ?? []) {
      const name = placeholder.slice(1, -1).replace(/\+$/, "");
      if (!parameters.some((parameter) => parameter.in === "path" && parameter.name === name)) {
        parameters.push({ in: "path", name, required: true });
        this.add(pointer, "path parameter", "emulated", `The path parameter "${name}" is not declared; it is added as a required string.`);
      }
    }
    parameters.sort(compareParameters);
    return { parameters, bodyModel };
  }

  private parameterSchema(param: Record<string, unknown>): Record<string, unknown> | undefined {
    // Written by Portico's export where the target version forces a schema the API does not have.
    if (param["x-portico-no-schema"] === true) return undefined;
    const exported = param["x-portico-schema"];
    if (isRecord(exported)) return restoreSchema(exported) as Record<string, unknown>;
    if (this.version !== "2.0" || param.schema !== undefined) {
      const schema = param.schema;
      if (schema === undefined) return undefined;
      return this.schemas.selfContained(restoreSchema(schema));
    }
    const schema: Record<string, unknown> = {};
    for (const key of ["type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf"]) {
      if (param[key] !== undefined) schema[key] = param[key];
    }
    return Object.keys(schema).length > 0 ? schema : undefined;
  }

  private bodyContentType(operation: Record<string, unknown>): string {
    const consumes = Array.isArray(operation.consumes) ? operation.consumes : Array.isArray(this.root.consumes) ? this.root.consumes : [];
    const json = consumes.map(String).find((type) => type.includes("json"));
    return json ?? (consumes.length > 0 ? String(consumes[0]) : "application/json");
  }

  private readRequestBody(operation: Record<string, unknown>, pointer: string, httpMethod: string, path: string): string | undefined {
    const body = resolveRef(this.root, operation.requestBody);
    if (!isRecord(body) || !isRecord(body.content)) return undefined;
    const bodyPointer = appendPointer(pointer, "requestBody");
    const entries = Object.entries(body.content).filter(([, media]) => isRecord(media) && media.schema !== undefined);
    const chosen = entries.find(([type]) => type.includes("json")) ?? entries[0];
    for (const [type] of Object.entries(body.content)) {
      if (chosen && type !== chosen[0]) {
        this.add(appendPointer(bodyPointer, "content", type), "request body", "ignored", `Only one body model is kept per method (${chosen[0]}); ${type} is not validated.`);
      }
    }
    if (!chosen) return undefined;
    const media = chosen[1] as Record<string, unknown>;
    const model = this.modelFor(media.schema, chosen[0], `${operationLabel(httpMethod, path, operation)}Request`);
    this.add(bodyPointer, "request body", "applied", `The ${chosen[0]} body is validated against the model ${model}.`);
    return model;
  }

  /** The model a body or response schema uses: the named schema it references, or a new model for an inline one. */
  private modelFor(rawSchema: unknown, contentType: string, fallbackName: string): string {
    if (isRecord(rawSchema) && typeof rawSchema.$ref === "string" && Object.keys(rawSchema).length === 1) {
      const name = this.schemas.nameOf(rawSchema.$ref);
      if (name && this.models.has(name)) return name;
    }
    let name = sanitizeModelName(fallbackName);
    for (let suffix = 2; this.models.has(name); suffix++) name = sanitizeModelName(fallbackName) + suffix;
    const schema = restoreSchema(rawSchema);
    this.models.set(name, {
      name,
      description: describe(schema),
      contentType,
      schema: this.schemas.selfContained(schema),
    });
    return name;
  }

  private readResponses(operation: Record<string, unknown>, pointer: string, httpMethod: string, path: string): Record<string, MethodResponse> {
    const responses: Record<string, MethodResponse> = {};
    if (!isRecord(operation.responses)) return responses;
    for (const [code, raw] of Object.entries(operation.responses)) {
      const response = resolveRef(this.root, raw);
      // The placeholder Portico's export adds where 2.0 and 3.0 require a response.
      if (!isRecord(response) || response["x-portico-generated"] === true) continue;
      const entry: MethodResponse = {};
      if (typeof response.description === "string" && response.description) entry.description = response.description;
      let schema: unknown;
      let contentType = "application/json";
      if (this.version === "2.0") {
        schema = response.schema;
      } else if (isRecord(response.content)) {
        const entries = Object.entries(response.content).filter(([, media]) => isRecord(media) && media.schema !== undefined);
        const chosen = entries.find(([type]) => type.includes("json")) ?? entries[0];
        if (chosen) {
          contentType = chosen[0];
          schema = (chosen[1] as Record<string, unknown>).schema;
        }
      }
      if (schema !== undefined) entry.modelName = this.modelFor(schema, contentType, `${operationLabel(httpMethod, path, operation)}Response${code}`);
      responses[code] = entry;
    }
    if (Object.keys(responses).length > 0) {
      this.add(appendPointer(pointer, "responses"), "responses", "applied", "Responses are kept with their descriptions and models for documentation and export.");
    }
    return responses;
  }

  private readSecurity(method: MethodDefinition, operation: Record<string, unknown>, pointer: string) {
    const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(this.root.security) ? this.root.security : undefined;
    if (!requirements || requirements.length === 0) return;
    const schemes = this.securitySchemes();
    const apiKeyAlternative = requirements.some(
      (requirement) => isRecord(requirement) && Object.keys(requirement).length > 0 && Object.keys(requirement).every((name) => isApiKeyHeader(schemes[name])),
    );
    const securityPointer = Array.isArray(operation.security) ? appendPointer(pointer, "security") : "/security";
    if (apiKeyAlternative) {
      method.authorizationType = "API_KEY";
      method.apiKeyRequired = true;
      this.add(securityPointer, "security", "applied", "The method requires an API key.");
    } else {
      this.add(securityPointer, "security", "unsupported", "None of the required security schemes is an API key in a header: the method is imported without authorization.");
    }
  }

  private readValidator(method: MethodDefinition, operation: Record<string, unknown>, pointer: string): RequestValidatorKind {
    if (!this.usesValidatorExtensions) {
      const body = method.requestModelName !== undefined;
      const params = method.requestParameters.length > 0;
      return VALIDATOR_KINDS[`${body},${params}`];
    }
    const name = operation[`${AWS_PREFIX}request-validator`];
    if (name === undefined) return this.defaultValidator ?? "NONE";
    const kind = this.validators.get(String(name));
    const validatorPointer = appendPointer(pointer, `${AWS_PREFIX}request-validator`);
    if (!kind) {
      this.add(validatorPointer, `${AWS_PREFIX}request-validator`, "ignored", `No request validator is named "${String(name)}"; the method is not validated.`);
      return "NONE";
    }
    this.add(validatorPointer, `${AWS_PREFIX}request-validator`, "applied", `The method validates with "${String(name)}".`);
    return kind;
  }

  private readIntegration(raw: Record<string, unknown>, pointer: string): IntegrationDefinition {
    const typeName = String(raw.type ?? "").toLowerCase();
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
    if (typeof raw.httpMethod === "string") integration.httpMethod = raw.httpMethod.toUpperCase();
    if (typeof raw.uri === "string") integration.uri = raw.uri;
    if (typeof raw.passthroughBehavior === "string") integration.passthroughBehavior = raw.passthroughBehavior;
    if (isRecord(raw.requestParameters) && Object.values(raw.requestParameters).some((value) => typeof value !== "string")) {
      this.add(appendPointer(pointer, "requestParameters"), "integration request parameters", "ignored", "Mappings whose value is not a string were dropped (AWS warns about them too).");
    }
    if (!types[typeName]) {
      integration.mockResponse = mockResponseFrom(integration);
      this.add(pointer, `integration (${String(raw.type)})`, "unsupported", `Integration type ${String(raw.type)} is unknown; the method answers as a mock.`);
    } else if (type === "AWS" || type === "AWS_PROXY") {
      this.add(pointer, `integration (${typeName})`, "unsupported", `AWS service and Lambda integrations (${typeName}) are kept for export but not served: the gateway answers 500 until the method gets an HTTP or mock integration.`);
    } else if (type === "MOCK") {
      integration.mockResponse = mockResponseFrom(integration);
      this.add(pointer, "integration (mock)", "emulated", `The gateway answers ${integration.mockResponse.statusCode} with the integration response's template as a static body (templates are not evaluated).`);
    } else {
      this.add(pointer, `integration (${typeName})`, "applied", `Requests go to ${integration.uri ?? "(no URI)"}.`);
    }
    for (const key of Object.keys(raw)) {
      if (["type", "httpMethod", "uri", "timeoutInMillis", "requestParameters", "requestTemplates", "passthroughBehavior", "responses"].includes(key)) continue;
      this.add(appendPointer(pointer, key), `integration.${key}`, "ignored", `${key} has no equivalent in Portico and was ignored.`);
    }
    return integration;
  }
}

function renameVariables(method: MethodDefinition, renames: Map<string, string>) {
  for (const parameter of method.requestParameters) {
    if (parameter.in === "path") parameter.name = renames.get(parameter.name) ?? parameter.name;
  }
  method.requestParameters.sort(compareParameters);
  const integration = method.integration;
  if (!integration) return;
  for (const [from, to] of renames) {
    if (integration.uri) integration.uri = integration.uri.split(`{${from}}`).join(`{${to}}`);
    for (const [key, value] of Object.entries(integration.requestParameters)) {
      integration.requestParameters[key] = value === `method.request.path.${from}` ? `method.request.path.${to}` : value;
    }
  }
}

function describe(schema: unknown): string {
  return isRecord(schema) && typeof schema.description === "string" ? truncate(schema.description, 1024) : "";
}

function mockResponseFrom(integration: IntegrationDefinition): NonNullable<IntegrationDefinition["mockResponse"]> {
  const template = integration.requestTemplates["application/json"] ?? Object.values(integration.requestTemplates)[0] ?? "";
  const match = template.match(/"?statusCode"?\s*:\s*"?(\d{3})/);
  const statusCode = match ? Number(match[1]) : 200;
  const responses = Object.values(integration.responses);
  const response =
    responses.find((candidate) => String(candidate.statusCode) === String(statusCode)) ?? responses.find((candidate) => candidate.statusCode !== undefined) ?? {};
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

function isApiKeyHeader(scheme: unknown): boolean {
  return isRecord(scheme) && scheme.type === "apiKey" && scheme.in === "header" && !(`${AWS_PREFIX}authtype` in scheme) && !(`${AWS_PREFIX}authorizer` in scheme);
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

function compareParameters(a: RequestParameter, b: RequestParameter): number {
  const order = { path: 0, querystring: 1, header: 2 };
  return order[a.in] - order[b.in] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** "/pets/" → "/pets"; the root stays "/". */
function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed === "" ? "/" : trimmed;
}

function operationLabel(httpMethod: string, path: string, operation: Record<string, unknown>): string {
  if (typeof operation.operationId === "string" && operation.operationId) return operation.operationId;
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return httpMethod.toLowerCase() + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

function sanitizeModelName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9]/g, "");
  return truncate(cleaned || "Model", 120);
}

function truncate(value: string, length: number): string {
  return value.length > length ? value.slice(0, length) : value;
}
