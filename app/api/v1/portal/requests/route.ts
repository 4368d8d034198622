import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listPendingRequests } from "@/lib/server/portal/subscriptions";

export const dynamic = "force-dynamic";

/** Subscriptions waiting for an admin, oldest first. */
export const GET = withApiHandler(async () => json({ items: await listPendingRequests() }), { access: "admin" });
