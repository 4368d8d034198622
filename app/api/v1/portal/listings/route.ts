import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createListingBodySchema } from "@/lib/schemas/portal";
import { createListing, listListings, toListingDto } from "@/lib/server/portal/listings";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async () => json({ items: (await listListings()).map(toListingDto) }), { access: "viewer" });

export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, createListingBodySchema);
    return json({ listing: await createListing({ input, actor: caller.actor }) }, 201);
  },
  { access: "admin" },
);
