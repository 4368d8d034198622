import { ApiError } from "@/lib/errors/api-error";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { isInvalidDocumentError } from "@/lib/openapi/problems";
import { importApiQuerySchema } from "@/lib/schemas/import-export";
import { importApi } from "@/lib/server/openapi/import-api";

export const dynamic = "force-dynamic";

/** OpenAPI documents are larger than ordinary request bodies: 600 operations weigh about 3 MB. */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const ACCEPTED_TYPES = ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", ""];

export const POST = withApiHandler(async ({ request, caller }) => {
  const query = parseQuery(request, importApiQuerySchema);
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new ApiError("unsupported_media_type", `Send the OpenAPI document as application/json or application/yaml (got ${type}).`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_DOCUMENT_BYTES) {
    throw new ApiError("payload_too_large", `The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  }
  const text = await request.text();
  if (text.length > MAX_DOCUMENT_BYTES) {
    throw new ApiError("payload_too_large", `The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  }
  try {
    const result = await importApi({ text, mode: query.mode, apiId: query.apiId, actor: caller.actor });
    return json(result, 201);
  } catch (error) {
    if (!isInvalidDocumentError(error)) throw error;
    return json({ error: { code: "invalid_document", message: error.message, details: error.problems } }, 400);
  }
});
