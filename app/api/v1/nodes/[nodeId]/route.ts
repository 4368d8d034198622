import { parseParams } from "@/lib/http/parse-params";
import { noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { nodeParamsSchema } from "@/lib/schemas/node";
import { deleteNode } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

type Params = { nodeId: string };

/** Removes a registered node and its admin token: it is sent nothing more, and must be approved again if it registers again. */
export const DELETE = withApiHandler<Params>(
  async ({ params, caller }) => {
    const { nodeId } = parseParams(nodeParamsSchema, params);
    await deleteNode({ nodeId, actor: caller.actor });
    return noContent();
  },
  { access: "admin" },
);
