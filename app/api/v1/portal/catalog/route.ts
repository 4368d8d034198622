import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listListings, toCatalogItem } from "@/lib/server/portal/listings";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async () => json({ items: (await listListings()).map(toCatalogItem) }), { access: "consumer" });
