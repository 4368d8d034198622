import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listingParamsSchema } from "@/lib/schemas/portal";
import { findListingOrThrow, toCatalogItem } from "@/lib/server/portal/listings";

export const dynamic = "force-dynamic";

type Params = { listingId: string };

export const GET = withApiHandler<Params, "consumer">(
  async ({ params }) => {
    const { listingId } = parseParams(listingParamsSchema, params);
    return json({ item: toCatalogItem(await findListingOrThrow(listingId)) });
  },
  { access: "consumer" },
);
