import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import { z } from "zod";
import { BodyTooLargeError, readBody } from "../body";
import { errors, validationError } from "../errors";
import type { RequestContext } from "../pipeline";
import { definePlugin, type StepResult } from "./types";

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const configSchema = z.object({
  path: z.array(z.string()),
  querystring: z.array(z.string()),
  /** Lower-cased: Node lower-cases incoming header names. */
  header: z.array(z.string()),
  bodySchema: z.record(z.string(), z.unknown()).nullable(),
});
type ValidationConfig = z.infer<typeof configSchema>;

function requiredNames(record: Record<string, boolean>): string[] {
  return Object.entries(record)
    .filter(([, required]) => required)
    .map(([name]) => name);
}

function describeBodyError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "" : `${error.instancePath} `;
  return `Invalid request body: ${where}${error.message ?? "is invalid"}`;
}

/**
 * A JSON Schema compiler for one snapshot: one Ajv instance (created on first
 * use) shared by its routes, dropped with the snapshot so its validators go too.
 */
export function createSchemaCompiler(): (schema: Record<string, unknown>) => ValidateFunction {
  let ajv: Ajv2020 | null = null;
  return (schema) => {
    if (ajv === null) {
      ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: true });
      addFormats(ajv);
    }
    // Draft-07 documents (what OpenAPI 3.0 tools write) validate the same for the keywords that matter here.
    // A top-level $id would make a second route sharing the model collide in the shared instance.
    const { $schema: _dialect, $id: _id, ...rest } = schema;
    return ajv.compile(rest);
  };
}

function missingParameters(ctx: RequestContext, config: ValidationConfig): string[] | null {
  let missing: string[] | null = null;
  for (const name of config.header) {
    if (ctx.req.headers[name] === undefined) (missing ??= []).push(name);
  }
  if (config.querystring.length > 0) {
    const query = new URLSearchParams(ctx.query);
    for (const name of config.querystring) {
      if (!query.has(name)) (missing ??= []).push(name);
    }
  }
  for (const name of config.path) {
    const value = ctx.params !== null ? ctx.params[name] : undefined;
    if (value === undefined || value === "") (missing ??= []).push(name);
  }
  return missing;
}

/**
 * Request validation as API Gateway's request validators do it: required
 * path, query and header parameters, then the JSON body against the
 * method's model. The validator is compiled with the snapshot; a request
 * only runs it. Reading the body for validation buffers it (bounded by the
 * body limit) and the integration then sends that buffer.
 */
export const validateRequestPlugin = definePlugin({
  name: "validate-request",
  phase: "validate",
  order: 400,
  storeFailure: "none",
  configSchema,
  configFor(scope) {
    const { requestValidator, requestParameters, requestModel } = scope.route;
    const config: ValidationConfig = {
      path: requestValidator.params ? requiredNames(requestParameters.path) : [],
      querystring: requestValidator.params ? requiredNames(requestParameters.querystring) : [],
      header: requestValidator.params ? requiredNames(requestParameters.header).map((name) => name.toLowerCase()) : [],
      bodySchema: requestValidator.body && requestModel !== undefined ? requestModel : null,
    };
    const checksParams = config.path.length + config.querystring.length + config.header.length > 0;
    return checksParams || config.bodySchema !== null ? config : null;
  },
  create(config, env, session) {
    const validate = config.bodySchema !== null ? session.compileSchema(config.bodySchema) : null;
    const checksParams = config.path.length + config.querystring.length + config.header.length > 0;
    const maxBodyBytes = env.maxBodyBytes;

    function checkBody(ctx: RequestContext, body: Buffer): StepResult {
      ctx.body = body;
      if (validate === null) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.length === 0 ? "null" : body.toString("utf8"));
      } catch {
        return validationError("Invalid request body: not valid JSON");
      }
      if (validate(parsed)) return undefined;
      const first = validate.errors?.[0];
      return validationError(first !== undefined ? describeBodyError(first) : "Invalid request body");
    }

    return (ctx) => {
      if (checksParams) {
        const missing = missingParameters(ctx, config);
        if (missing !== null) return validationError(`Missing required request parameters: [${missing.join(", ")}]`, "params");
      }
      if (validate === null) return undefined;
      return readBody(ctx.req, maxBodyBytes).then(
        (body) => checkBody(ctx, body),
        (error: unknown) => (error instanceof BodyTooLargeError ? errors.payloadTooLarge : errors.badRequest),
      );
    };
  },
});
