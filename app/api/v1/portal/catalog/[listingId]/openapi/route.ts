import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listingParamsSchema } from "@/lib/schemas/portal";
import { listingDocument } from "@/lib/server/portal/listing-document";

export const dynamic = "force-dynamic";

type Params = { listingId: string };

/** The listing's reference documentation as OpenAPI 3.0 JSON (what the docs page renders). */
export const GET = withApiHandler<Params, "consumer">(
  async ({ params }) => {
    const { listingId } = parseParams(listingParamsSchema, params);
    return json(await listingDocument({ listingId }));
  },
  { access: "consumer" },
);
