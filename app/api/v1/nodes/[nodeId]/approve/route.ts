import { z } from "zod";

import { parseParams } from "@/lib/http/parse-params";
import { noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { approveNode } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ nodeId: z.string().min(1).max(64) });
type Params = { nodeId: string };

/** Lets a node that registered with the token serve: it is pushed to and may pull the state. */
export const POST = withApiHandler<Params>(
  async ({ params, caller }) => {
    const { nodeId } = parseParams(paramsSchema, params);
    await approveNode({ nodeId, actor: caller.actor });
    return noContent();
  },
  { access: "admin" },
);
