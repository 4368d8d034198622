import type { Integration } from "@/lib/contracts";
import type { CompiledIntegration } from "../pipeline";
import { appendGatewayHeaders } from "../respond";

type MockIntegration = Extract<Integration, { type: "mock" }>;

/** Answers from the snapshot: status, headers and body serialised once. */
export function compileMockIntegration(integration: MockIntegration): CompiledIntegration {
  const { statusCode, headers, body } = integration.mock;
  const payload = Buffer.from(body);
  const baseHeaders: string[] = [];
  let hasContentType = false;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "content-length" || lower === "transfer-encoding" || lower === "connection") continue;
    if (lower === "content-type") hasContentType = true;
    baseHeaders.push(lower, value);
  }
  if (!hasContentType && payload.length > 0) baseHeaders.push("content-type", "application/json");
  baseHeaders.push("content-length", String(payload.length));

  return {
    type: "mock",
    origin: null,
    // Hot path.
    invoke(ctx) {
      const out = baseHeaders.slice();
      appendGatewayHeaders(ctx, out);
      ctx.res.writeHead(statusCode, out);
      ctx.res.end(ctx.req.method === "HEAD" ? undefined : payload);
    },
  };
}
