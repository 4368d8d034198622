import { parseParams } from "@/lib/http/parse-params";
import { noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { nodeParamsSchema } from "@/lib/schemas/node";
import { approveNode } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

type Params = { nodeId: string };

/** Lets a node that registered with the token serve: it is pushed to and may pull the state. */
export const POST = withApiHandler<Params>(
  async ({ params, caller }) => {
    const { nodeId } = parseParams(nodeParamsSchema, params);
    await approveNode({ nodeId, actor: caller.actor });
    return noContent();
  },
  { access: "admin" },
);
