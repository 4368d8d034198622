import { json, withApiHandler } from "@/lib/http/with-api-handler";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and start scripts; says nothing about the data. */
export const GET = withApiHandler(() => json({ status: "ok" }), { access: "public" });
