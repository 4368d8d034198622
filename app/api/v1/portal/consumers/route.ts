import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listConsumers } from "@/lib/server/portal/manage-consumers";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async () => json({ items: await listConsumers() }), { access: "admin" });
