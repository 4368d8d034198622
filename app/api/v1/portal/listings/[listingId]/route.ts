import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { listingParamsSchema, updateListingBodySchema } from "@/lib/schemas/portal";
import { deleteListing, updateListing } from "@/lib/server/portal/listings";

export const dynamic = "force-dynamic";

type Params = { listingId: string };

export const PATCH = withApiHandler<Params, "admin">(
  async ({ request, params, caller }) => {
    const { listingId } = parseParams(listingParamsSchema, params);
    const input = await readJsonBody(request, updateListingBodySchema);
    return json({ listing: await updateListing({ listingId, input, actor: caller.actor }) });
  },
  { access: "admin" },
);

export const DELETE = withApiHandler<Params, "admin">(
  async ({ params, caller }) => {
    const { listingId } = parseParams(listingParamsSchema, params);
    await deleteListing({ listingId, actor: caller.actor });
    return noContent();
  },
  { access: "admin" },
);
