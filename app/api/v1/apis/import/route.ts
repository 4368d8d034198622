import { ApiError } from "@/lib/errors/api-error";
import { readBodyText } from "@/lib/http/read-body";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { importApiQuerySchema } from "@/lib/schemas/import-export";
import { importApi } from "@/lib/server/openapi/import-api";

export const dynamic = "force-dynamic";

/** OpenAPI documents are larger than ordinary request bodies: 600 operations weigh about 3 MB. */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const ACCEPTED_TYPES = ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", ""];

// A rejected document is thrown as InvalidDocumentError and answered by the
// route wrapper, like every other error, with each problem located.
export const POST = withApiHandler(async ({ request, caller }) => {
  const query = parseQuery(request, importApiQuerySchema);
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new ApiError("unsupported_media_type", `Send the OpenAPI document as application/json or application/yaml (got ${type}).`);
  }
  // A refused document throws DocumentRejectedError, which the handler answers as 400 invalid_document.
  const text = await readBodyText(request, {
    limitBytes: MAX_DOCUMENT_BYTES,
    what: "The document",
    advice: "split it and import the parts with mode=merge",
  });
  return json(
    await importApi({ text, mode: query.mode, apiId: query.apiId, failOnWarnings: query.failOnWarnings, actor: caller.actor }),
    201,
  );
});
