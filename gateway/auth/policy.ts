/**
 * The IAM policy a Lambda authorizer returns, evaluated against the method
 * ARN of each request as API Gateway does: an explicit Deny that matches
 * wins, else an Allow that matches lets the request in, else it is denied.
 * `Action` must cover `execute-api:Invoke`; `Resource` patterns use IAM's
 * wildcards, `*` (any run of characters, `/` included) and `?` (one
 * character), within each colon-separated part of the ARN; a `*` ending a
 * part may run on across colons.
 */

export type PolicyDecision = "allow" | "deny" | "no-allow";

interface CompiledStatement {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly RegExp[];
  readonly resources: readonly RegExp[];
}

export class PolicyError extends Error {}

const INVOKE_ACTION = "execute-api:Invoke";

function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    // A `*` that ends a part may run on across colons, as IAM allows; elsewhere it stays inside its part.
    if (char === "*") source += i === pattern.length - 1 || pattern[i + 1] === ":" ? ".*" : "[^:]*";
    else if (char === "?") source += "[^:]";
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
}

/** A resource pattern: `*` alone covers every ARN; otherwise wildcards stay inside the part they are in. */
function resourcePattern(pattern: string): RegExp {
  if (pattern === "*") return /^.*$/;
  return globToRegExp(pattern, false);
}

function listOf(value: unknown, what: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")) return value;
  throw new PolicyError(`${what} must be a string or a list of strings`);
}

/** A policy document compiled once per authorizer answer, evaluated per request (cached answers serve many methods). */
export class CompiledPolicy {
  private constructor(private readonly statements: readonly CompiledStatement[]) {}

  /** Throws PolicyError for a document API Gateway would refuse (an authorizer configuration error). */
  static compile(document: unknown): CompiledPolicy {
    if (document === null || typeof document !== "object") throw new PolicyError("policyDocument must be an object");
    const raw = (document as { Statement?: unknown }).Statement;
    const statements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return new CompiledPolicy(
      statements.map((statement: unknown, index) => {
        if (statement === null || typeof statement !== "object") throw new PolicyError(`Statement ${index} must be an object`);
        const { Effect, Action, Resource } = statement as { Effect?: unknown; Action?: unknown; Resource?: unknown };
        if (Effect !== "Allow" && Effect !== "Deny") throw new PolicyError(`Statement ${index}: Effect must be Allow or Deny`);
        return {
          effect: Effect,
          // Action names are case-insensitive in IAM; resources are not.
          actions: listOf(Action, `Statement ${index}: Action`).map((action) => globToRegExp(action, true)),
          resources: listOf(Resource, `Statement ${index}: Resource`).map(resourcePattern),
        };
      }),
    );
  }

  decide(methodArn: string): PolicyDecision {
    let allowed = false;
    for (const statement of this.statements) {
      if (!statement.actions.some((action) => action.test(INVOKE_ACTION))) continue;
      if (!statement.resources.some((resource) => resource.test(methodArn))) continue;
      if (statement.effect === "Deny") return "deny";
      allowed = true;
    }
    return allowed ? "allow" : "no-allow";
  }
}

/** API Gateway's method ARN: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`. */
export function methodArnOf(region: string, accountId: string, apiId: string, stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}${path === "/" ? "/" : path}`;
}
