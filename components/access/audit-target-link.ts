import type { AuditEventDto } from "@/lib/schemas/audit";

/** The console page of an audit event's target, when it has one (a deleted target has none). */
export function auditTargetHref(event: Pick<AuditEventDto, "action" | "target" | "apiId">): string | null {
  const { type, id } = event.target;
  // Lists (users, keys, tokens, nodes) still open; a page of the deleted thing itself would be a 404.
  const deleted = event.action.endsWith(".delete");
  const api = event.apiId ? `/apis/${encodeURIComponent(event.apiId)}` : null;
  switch (type) {
    case "api":
      return deleted ? null : `/apis/${encodeURIComponent(id)}`;
    case "stage":
    case "deployment":
      return api ? `${api}/stages` : null;
    case "resource":
      return api && !deleted ? `${api}?resource=${encodeURIComponent(id)}` : api;
    case "method":
    case "integration":
    case "model":
      return api;
    case "usagePlan":
      return deleted ? "/usage-plans" : `/usage-plans/${encodeURIComponent(id)}`;
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
