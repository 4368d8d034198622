import type { MethodDefinition } from "../model";
import { appendPointer, isRecord, toPointer } from "../pointer";
import { resolveRef } from "../validate";
import { AWS_PREFIX } from "./aws-extensions";
import type { ConvertContext } from "./context";

// Security schemes and requirements: Portico enforces API keys in a header
// and reports every other scheme as unsupported.

export function readSecuritySchemes(ctx: ConvertContext) {
  for (const [name, scheme] of Object.entries(securitySchemes(ctx))) {
    const pointer = ctx.version === "2.0" ? toPointer(["securityDefinitions", name]) : toPointer(["components", "securitySchemes", name]);
    if (isApiKeyHeader(scheme)) {
      ctx.report.add(
        pointer,
        "security scheme (apiKey)",
        "applied",
        `Methods secured by "${name}" require an API key in the x-api-key header${isRecord(scheme) && String(scheme.name).toLowerCase() !== "x-api-key" ? ` (the document names the header ${String(scheme.name)})` : ""}.`,
      );
    } else {
      const type = isRecord(scheme) ? String(scheme.type) : "unknown";
      const authorizer = isRecord(scheme) && `${AWS_PREFIX}authorizer` in scheme;
      ctx.report.add(
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

/** The operation's requirements (else the document's): one that is all API keys in a header makes the method keyed. */
export function readSecurity(ctx: ConvertContext, method: MethodDefinition, operation: Record<string, unknown>, pointer: string) {
  const requirements = Array.isArray(operation.security)
    ? operation.security
    : Array.isArray(ctx.root.security)
      ? ctx.root.security
      : undefined;
  if (!requirements || requirements.length === 0) return;
  const schemes = securitySchemes(ctx);
  const apiKeyAlternative = requirements.some(
    (requirement) =>
      isRecord(requirement) &&
      Object.keys(requirement).length > 0 &&
      Object.keys(requirement).every((name) => isApiKeyHeader(schemes[name])),
  );
  const securityPointer = Array.isArray(operation.security) ? appendPointer(pointer, "security") : "/security";
  if (apiKeyAlternative) {
    method.authorizationType = "API_KEY";
    method.apiKeyRequired = true;
    ctx.report.add(securityPointer, "security", "applied", "The method requires an API key.");
  } else {
    ctx.report.add(
      securityPointer,
      "security",
      "unsupported",
      "None of the required security schemes is an API key in a header: the method is imported without authorization.",
    );
  }
}

function securitySchemes(ctx: ConvertContext): Record<string, unknown> {
  const { root } = ctx;
  const container =
    ctx.version === "2.0" ? root.securityDefinitions : isRecord(root.components) ? root.components.securitySchemes : undefined;
  if (!isRecord(container)) return {};
  const resolved: Record<string, unknown> = {};
  for (const [name, scheme] of Object.entries(container)) resolved[name] = resolveRef(root, scheme);
  return resolved;
}

function isApiKeyHeader(scheme: unknown): boolean {
  return (
    isRecord(scheme) &&
    scheme.type === "apiKey" &&
    scheme.in === "header" &&
    !(`${AWS_PREFIX}authtype` in scheme) &&
    !(`${AWS_PREFIX}authorizer` in scheme)
  );
}
