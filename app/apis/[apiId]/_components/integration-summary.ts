import type { Method } from "@/components/apis/types";

/** One line saying where a method's requests go. */
export function integrationSummary(method: Method): string {
  const integration = method.integration;
  if (!integration) return "No integration";
  switch (integration.type) {
    case "HTTP_PROXY":
      return `HTTP proxy → ${integration.uri ?? ""}`;
    case "HTTP":
      return `HTTP ${integration.httpMethod ?? ""} → ${integration.uri ?? ""}`.replace("  ", " ");
    case "MOCK":
      return `Mock → ${integration.mockResponse?.statusCode ?? 200}`;
    default:
      return `${integration.type} (not served by the gateway)`;
  }
}
