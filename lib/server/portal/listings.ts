import "server-only";

import { conflict, invalidField, notFound } from "@/lib/errors/api-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/schemas/audit";
import type { CatalogItemDto, CreateListingBody, ListingDto, PortalPlanDto, UpdateListingBody } from "@/lib/schemas/portal";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { findStageOrThrow, invokeUrl } from "@/lib/server/stages/stage-row";
import { inTransaction } from "@/lib/server/transaction";
import { planQuota, planThrottle } from "@/lib/server/usage-plans/serialize-usage-plan";

export const listingInclude = {
  stage: { select: { id: true, name: true, api: { select: { id: true, name: true, description: true } } } },
  plans: {
    include: {
      usagePlan: {
        select: {
          id: true,
          name: true,
          description: true,
          throttleRateLimit: true,
          throttleBurstLimit: true,
          quotaLimit: true,
          quotaPeriod: true,
        },
      },
    },
    orderBy: { usagePlan: { name: "asc" } },
  },
} satisfies Prisma.PortalListingInclude;

export type ListingRow = Prisma.PortalListingGetPayload<{ include: typeof listingInclude }>;

export function listingNotFound(listingId: string) {
  return notFound(`No portal listing has the id ${listingId}. The catalog is at GET /api/v1/portal/catalog.`);
}

function toPlanDto(plan: ListingRow["plans"][number]["usagePlan"]): PortalPlanDto {
  return { id: plan.id, name: plan.name, description: plan.description, throttle: planThrottle(plan), quota: planQuota(plan) };
}

export function toListingDto(listing: ListingRow): ListingDto {
  const { api } = listing.stage;
  return {
    id: listing.id,
    apiId: api.id,
    stage: listing.stage.name,
    name: api.name,
    description: api.description,
    approval: listing.approval === "AUTO" ? "auto" : "manual",
    plans: listing.plans.map((link) => toPlanDto(link.usagePlan)),
    invokeUrl: invokeUrl(api.id, listing.stage.name),
    createdAt: listing.createdAt.toISOString(),
  };
}

export function toCatalogItem(listing: ListingRow): CatalogItemDto {
  const dto = toListingDto(listing);
  return {
    listingId: dto.id,
    apiId: dto.apiId,
    stage: dto.stage,
    name: dto.name,
    description: dto.description,
    approval: dto.approval,
    invokeUrl: dto.invokeUrl,
    plans: dto.plans,
  };
}

export async function findListingOrThrow(listingId: string, db: Db = prisma): Promise<ListingRow> {
  const listing = await db.portalListing.findUnique({ where: { id: listingId }, include: listingInclude });
  if (listing === null) throw listingNotFound(listingId);
  return listing;
}

export async function listListings(db: Db = prisma): Promise<ListingRow[]> {
  return db.portalListing.findMany({ include: listingInclude, orderBy: [{ stage: { api: { name: "asc" } } }, { stage: { name: "asc" } }] });
}

/** Offered plans must exist and cover the listed stage: a key in a plan that does not is refused by the gateway. */
async function assertPlansCoverStage(usagePlanIds: string[], stageId: string, stageLabel: string, tx: Tx): Promise<void> {
  const plans = await tx.usagePlan.findMany({
    where: { id: { in: usagePlanIds } },
    select: { id: true, name: true, stages: { where: { stageId }, select: { id: true } } },
  });
  for (const [index, usagePlanId] of usagePlanIds.entries()) {
    const plan = plans.find((candidate) => candidate.id === usagePlanId);
    if (plan === undefined) throw invalidField(`usagePlanIds.${index}`, `No usage plan has the id ${usagePlanId}`);
    if (plan.stages.length === 0) {
      throw invalidField(
        `usagePlanIds.${index}`,
        `The usage plan '${plan.name}' does not cover ${stageLabel}; add the stage to the plan first, or its keys would be refused there`,
      );
    }
  }
}

export async function createListing({ input, actor }: { input: CreateListingBody; actor: Actor }, db: Db = prisma): Promise<ListingDto> {
  return inTransaction(db, async (tx) => {
    const stage = await findStageOrThrow({ apiId: input.apiId, stageName: input.stage }, tx);
    const label = `${input.apiId}/${input.stage}`;
    if ((await tx.portalListing.findUnique({ where: { stageId: stage.id }, select: { id: true } })) !== null) {
      throw conflict(`The stage ${label} is already listed in the portal; change that listing instead`);
    }
    await assertPlansCoverStage(input.usagePlanIds, stage.id, label, tx);
    const created = await tx.portalListing.create({
      data: {
        stageId: stage.id,
        approval: input.approval === "auto" ? "AUTO" : "MANUAL",
        plans: { create: input.usagePlanIds.map((usagePlanId) => ({ usagePlanId })) },
      },
      include: listingInclude,
    });
    await recordEvent(
      {
        actor,
        action: "listing.create",
        targetType: "listing",
        targetId: created.id,
        targetName: `${created.stage.api.name} (${created.stage.name})`,
        apiId: input.apiId,
        details: { stage: input.stage, usagePlanIds: input.usagePlanIds, approval: input.approval },
      },
      tx,
    );
    return toListingDto(created);
  });
}

export async function updateListing(
  { listingId, input, actor }: { listingId: string; input: UpdateListingBody; actor: Actor },
  db: Db = prisma,
): Promise<ListingDto> {
  return inTransaction(db, async (tx) => {
    const listing = await findListingOrThrow(listingId, tx);
    const label = `${listing.stage.api.id}/${listing.stage.name}`;
    if (input.usagePlanIds !== undefined) {
      await assertPlansCoverStage(input.usagePlanIds, listing.stage.id, label, tx);
      await tx.portalListingPlan.deleteMany({ where: { listingId } });
      await tx.portalListingPlan.createMany({ data: input.usagePlanIds.map((usagePlanId) => ({ listingId, usagePlanId })) });
    }
    if (input.approval !== undefined) {
      await tx.portalListing.update({ where: { id: listingId }, data: { approval: input.approval === "auto" ? "AUTO" : "MANUAL" } });
    }
    const updated = await findListingOrThrow(listingId, tx);
    await recordEvent(
      {
        actor,
        action: "listing.update",
        targetType: "listing",
        targetId: listingId,
        targetName: `${listing.stage.api.name} (${listing.stage.name})`,
        apiId: listing.stage.api.id,
        details: { ...input },
      },
      tx,
    );
    return toListingDto(updated);
  });
}

/** Takes a listing off the portal; keys already issued keep working until revoked (they are ordinary keys). */
export async function deleteListing({ listingId, actor }: { listingId: string; actor: Actor }, db: Db = prisma): Promise<void> {
  await inTransaction(db, async (tx) => {
    const listing = await findListingOrThrow(listingId, tx);
    await tx.portalListing.delete({ where: { id: listingId } });
    await recordEvent(
      {
        actor,
        action: "listing.delete",
        targetType: "listing",
        targetId: listingId,
        targetName: `${listing.stage.api.name} (${listing.stage.name})`,
        apiId: listing.stage.api.id,
      },
      tx,
    );
  });
}
