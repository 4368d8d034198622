import { parseParams } from "@/lib/http/parse-params";
import { parseQuery } from "@/lib/http/read-json-body";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { exportApiQuerySchema } from "@/lib/schemas/import-export";
import { exportApi } from "@/lib/server/openapi/export-api";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const query = parseQuery(request, exportApiQuerySchema);
  const { body, filename, contentType } = await exportApi({ apiId, ...query });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
