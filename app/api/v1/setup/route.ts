import { env } from "@/lib/env";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSessionCookie } from "@/lib/http/session-response";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { setupBodySchema } from "@/lib/schemas/auth";
import { completeSetup } from "@/lib/server/auth/first-run";
import { createSession } from "@/lib/server/auth/sessions";
import { removeSetupCodeFile } from "@/lib/server/auth/setup-code-file";

export const dynamic = "force-dynamic";

/** First run: the one-time code creates the first admin, who is signed in at once. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, setupBodySchema);
    const user = await completeSetup({ input });
    await removeSetupCodeFile(env.PORTICO_DATA_DIR);
    const session = await createSession({ userId: user.id, client: caller.client });
    return withSessionCookie(request, { user }, session, 201);
  },
  { access: "public" },
);
