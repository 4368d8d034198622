import "server-only";

import { exportDefinition } from "@/lib/openapi/export";
import { deploymentDefinition } from "@/lib/server/deployments/serialize-deployment";
import { prisma, type Db } from "@/lib/server/db";
import { loadApiDefinition } from "@/lib/server/openapi/export-api";
import { findStageOrThrow, invokeUrl } from "@/lib/server/stages/stage-row";

import { findListingOrThrow } from "./listings";

/**
 * The reference documentation of a listing: the API's OpenAPI 3.0 export
 * (without AWS extensions, which tell consumers nothing), narrowed to the
 * operations the listed stage's deployment serves, with the stage's invoke
 * URL as its server. Undeployed work in the console stays out of the docs.
 */
export async function listingDocument({ listingId }: { listingId: string }, db: Db = prisma): Promise<Record<string, unknown>> {
  const listing = await findListingOrThrow(listingId, db);
  const apiId = listing.stage.api.id;
  const stage = await findStageOrThrow({ apiId, stageName: listing.stage.name }, db);
  const served = new Set(deploymentDefinition(stage.deployment).routes.map((route) => `${route.method} ${route.path}`));
  const definition = await loadApiDefinition(apiId, db);
  const resources = definition.resources
    .map((resource) => ({ ...resource, methods: resource.methods.filter((method) => served.has(`${method.httpMethod} ${resource.path}`)) }))
    .filter((resource) => resource.methods.length > 0);
  const document = exportDefinition({ ...definition, resources }, { format: "oas30", extensions: "none" });
  return { ...document, servers: [{ url: invokeUrl(apiId, listing.stage.name), description: `Stage ${listing.stage.name}` }] };
}
