import type { AuditEventDto } from "@/lib/schemas/audit";

/** The console page of an audit event's target, when it has one. */
export function auditTargetHref(event: Pick<AuditEventDto, "target" | "apiId">): string | null {
  const { type, id } = event.target;
  const api = event.apiId ? `/apis/${encodeURIComponent(event.apiId)}` : null;
  switch (type) {
    case "api":
      return `/apis/${encodeURIComponent(id)}`;
    case "stage":
    case "deployment":
      return api ? `${api}/stages` : null;
    case "resource":
    case "method":
    case "integration":
    case "model":
      return api;
    case "usagePlan":
      return `/usage-plans/${encodeURIComponent(id)}`;
    case "apiKey":
      return "/api-keys";
    case "user":
      return "/users";
    case "token":
      return "/tokens";
    case "node":
      return "/nodes";
    default:
      return null;
  }
}
