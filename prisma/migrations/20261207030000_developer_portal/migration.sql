-- CreateEnum
CREATE TYPE "PortalSignupMode" AS ENUM ('OPEN', 'APPROVAL', 'INVITE');

-- CreateEnum
CREATE TYPE "ConsumerStatus" AS ENUM ('PENDING', 'ACTIVE', 'REJECTED', 'DISABLED');

-- CreateEnum
CREATE TYPE "ListingApproval" AS ENUM ('AUTO', 'MANUAL');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('PENDING', 'ACTIVE', 'REJECTED');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "consumerId" TEXT,
ADD COLUMN     "subscriptionId" TEXT;

-- CreateTable
CREATE TABLE "PortalSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" VARCHAR(128) NOT NULL DEFAULT 'Developer portal',
    "logoUrl" VARCHAR(2048),
    "accentColor" VARCHAR(7) NOT NULL DEFAULT '#18181b',
    "intro" VARCHAR(4000) NOT NULL DEFAULT '',
    "signupMode" "PortalSignupMode",
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortalSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consumer" (
    "id" TEXT NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "emailKey" VARCHAR(320) NOT NULL,
    "name" VARCHAR(128) NOT NULL DEFAULT '',
    "organization" VARCHAR(128) NOT NULL DEFAULT '',
    "passwordHash" VARCHAR(255),
    "status" "ConsumerStatus" NOT NULL DEFAULT 'ACTIVE',
    "emailVerifiedAt" TIMESTAMP(3),
    "verificationHash" VARCHAR(64),
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consumer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsumerSession" (
    "id" VARCHAR(64) NOT NULL,
    "consumerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" VARCHAR(64) NOT NULL DEFAULT '',
    "userAgent" VARCHAR(512) NOT NULL DEFAULT '',

    CONSTRAINT "ConsumerSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalInvitation" (
    "id" TEXT NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "codeHash" VARCHAR(64) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdBy" VARCHAR(255) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalListing" (
    "id" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "approval" "ListingApproval" NOT NULL DEFAULT 'AUTO',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortalListing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalListingPlan" (
    "listingId" TEXT NOT NULL,
    "usagePlanId" TEXT NOT NULL,

    CONSTRAINT "PortalListingPlan_pkey" PRIMARY KEY ("listingId","usagePlanId")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "usagePlanId" TEXT NOT NULL,
    "status" "SubscriptionStatus" NOT NULL,
    "note" VARCHAR(1024) NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMP(3),
    "decidedBy" VARCHAR(320),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Consumer_emailKey_key" ON "Consumer"("emailKey");

-- CreateIndex
CREATE UNIQUE INDEX "Consumer_verificationHash_key" ON "Consumer"("verificationHash");

-- CreateIndex
CREATE INDEX "Consumer_status_createdAt_idx" ON "Consumer"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ConsumerSession_consumerId_idx" ON "ConsumerSession"("consumerId");

-- CreateIndex
CREATE INDEX "ConsumerSession_expiresAt_idx" ON "ConsumerSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "PortalInvitation_codeHash_key" ON "PortalInvitation"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "PortalListing_stageId_key" ON "PortalListing"("stageId");

-- CreateIndex
CREATE INDEX "PortalListingPlan_usagePlanId_idx" ON "PortalListingPlan"("usagePlanId");

-- CreateIndex
CREATE INDEX "Subscription_consumerId_idx" ON "Subscription"("consumerId");

-- CreateIndex
CREATE INDEX "Subscription_status_createdAt_idx" ON "Subscription"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Subscription_listingId_idx" ON "Subscription"("listingId");

-- CreateIndex
CREATE INDEX "ApiKey_consumerId_idx" ON "ApiKey"("consumerId");

-- CreateIndex
CREATE INDEX "ApiKey_subscriptionId_idx" ON "ApiKey"("subscriptionId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerSession" ADD CONSTRAINT "ConsumerSession_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalListing" ADD CONSTRAINT "PortalListing_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "Stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalListingPlan" ADD CONSTRAINT "PortalListingPlan_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "PortalListing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalListingPlan" ADD CONSTRAINT "PortalListingPlan_usagePlanId_fkey" FOREIGN KEY ("usagePlanId") REFERENCES "UsagePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "PortalListing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_usagePlanId_fkey" FOREIGN KEY ("usagePlanId") REFERENCES "UsagePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One settings row; colours as #rrggbb so the portal can put them in CSS safely.
ALTER TABLE "PortalSettings" ADD CONSTRAINT "PortalSettings_single_row" CHECK ("id" = 1);
ALTER TABLE "PortalSettings" ADD CONSTRAINT "PortalSettings_accentColor_hex" CHECK ("accentColor" ~ '^#[0-9a-fA-F]{6}$');

-- Developer portal consumers act in the audit trail too.
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorType_check";
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorType_check" CHECK ("actorType" IN ('user', 'token', 'node', 'consumer', 'system'));
