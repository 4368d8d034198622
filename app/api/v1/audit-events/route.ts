import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listAuditEventsQuerySchema } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/lib/server/audit/list-events";

export const dynamic = "force-dynamic";

/** The audit trail, newest first. Admins see every event; others see what they and their tokens did. */
export const GET = withApiHandler(
  async ({ request, caller }) => {
    const query = parseQuery(request, listAuditEventsQuerySchema);
    const { principal } = caller;
    const onlyUserId = principal.role === "admin" ? undefined : principal.user.id;
    return json(await listAuditEvents({ query, onlyUserId }));
  },
  { access: "viewer" },
);
