import { roleAtLeast, type Role } from "@/lib/schemas/auth";

// What each role may do, as the server decides it (lib/http/with-api-handler.ts
// and lib/server/stages/stage-access.ts), so that the screens disable what
// would be refused and say why, instead of failing on click.

export type Action =
  /** APIs, resources, methods, models, imports, usage plans, API keys, deployments to unprotected stages. */
  | "change"
  /** Deploy, promote, roll back, variables, throttle, canary: admin on a protected stage. */
  | "changeStage"
  /** Users, nodes, marking stages protected. */
  | "administer";

export type Permission = { allowed: true; reason: undefined } | { allowed: false; reason: string };

const ALLOWED: Permission = { allowed: true, reason: undefined };

export function permission(
  role: Role | undefined,
  action: Action,
  options: { stageName?: string; stageProtected?: boolean } = {},
): Permission {
  if (role === undefined) return { allowed: false, reason: "Checking your role…" };
  if (action === "administer") {
    return roleAtLeast(role, "admin") ? ALLOWED : { allowed: false, reason: "Only admins can do this" };
  }
  if (!roleAtLeast(role, "developer"))
    return { allowed: false, reason: "Viewers have read-only access; ask an admin for the developer role" };
  if (action === "changeStage" && options.stageProtected && !roleAtLeast(role, "admin")) {
    const stage = options.stageName ? `the protected stage ${options.stageName}` : "a protected stage";
    return { allowed: false, reason: `Only admins can change ${stage}` };
  }
  return ALLOWED;
}
