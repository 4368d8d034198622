import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { updatePortalSettingsBodySchema } from "@/lib/schemas/portal";
import { getPortalSettings, updatePortalSettings } from "@/lib/server/portal/settings";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async () => json({ settings: await getPortalSettings() }), { access: "viewer" });

export const PATCH = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, updatePortalSettingsBodySchema);
    return json({ settings: await updatePortalSettings({ input, actor: caller.actor }) });
  },
  { access: "admin" },
);
