import { notFound } from "@/lib/errors/api-error";
import { withApiHandler } from "@/lib/http/with-api-handler";

export const dynamic = "force-dynamic";

// Next.js answers a path no route matches with the console's HTML 404 page;
// an API client needs the one JSON error shape instead. Routes that exist
// always win over this catch-all. It is public: saying a path does not exist
// tells nobody anything, and a 401 would send a client to fix its token.
const unknownEndpoint = withApiHandler<{ path: string[] }, "public">(
  ({ request }) => {
    const { pathname } = new URL(request.url);
    throw notFound(`There is no API endpoint ${request.method} ${pathname}; the endpoints are listed in /api/v1/openapi.json`);
  },
  { access: "public" },
);

export {
  unknownEndpoint as DELETE,
  unknownEndpoint as GET,
  unknownEndpoint as OPTIONS,
  unknownEndpoint as PATCH,
  unknownEndpoint as POST,
  unknownEndpoint as PUT,
};
