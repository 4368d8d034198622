import { getOpenApiDocument } from "@/lib/http/openapi/document";
import { json, withApiHandler } from "@/lib/http/with-api-handler";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(() => json(getOpenApiDocument()), { access: "public" });
