import { z } from "zod";

import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { verifyConsumerEmail } from "@/lib/server/portal/sign-up-consumer";

export const dynamic = "force-dynamic";

const verifyBodySchema = z.strictObject({ code: z.string().trim().min(1, "code must not be empty").max(128) });

export const POST = withApiHandler(
  async ({ request }) => {
    const { code } = await readJsonBody(request, verifyBodySchema);
    return json({ consumer: await verifyConsumerEmail({ code }) });
  },
  { access: "public" },
);
