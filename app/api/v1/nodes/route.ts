import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listNodesQuerySchema } from "@/lib/schemas/node";
import { listNodes } from "@/lib/server/nodes/list-nodes";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ request }) => {
  return json(await listNodes(parseQuery(request, listNodesQuerySchema)));
});
