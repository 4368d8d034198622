import { ApiError } from "@/lib/errors/api-error";
import { readBodyText } from "@/lib/http/read-body";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { importApiKeysQuerySchema } from "@/lib/schemas/api-key";
import { importApiKeys } from "@/lib/server/api-keys/import-api-keys";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";

export const dynamic = "force-dynamic";

const CSV_TYPES = new Set(["text/csv", "text/plain", "application/csv"]);

async function readCsv(request: Request): Promise<string> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!CSV_TYPES.has(mediaType)) {
    throw new ApiError("unsupported_media_type", "Send the keys as CSV with the header Content-Type: text/csv");
  }
  return readBodyText(request, { what: "The file", advice: "split it into several imports" });
}

export const POST = withApiHandler(async ({ request, caller }) => {
  const { failOnWarnings } = parseQuery(request, importApiKeysQuerySchema);
  const csv = await readCsv(request);
  const outcome = await importApiKeys({ csv, failOnWarnings, actor: caller.actor });
  const nodes = outcome.imported > 0 ? await publishConsumers() : [];
  return json({ ...outcome, nodes }, outcome.imported > 0 ? 201 : 200);
});
