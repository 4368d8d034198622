-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorId" VARCHAR(64) NOT NULL DEFAULT '',
ADD COLUMN     "actorType" VARCHAR(16) NOT NULL DEFAULT 'system',
ADD COLUMN     "ip" VARCHAR(64) NOT NULL DEFAULT '',
ADD COLUMN     "requestId" VARCHAR(128) NOT NULL DEFAULT '',
ADD COLUMN     "targetName" VARCHAR(255) NOT NULL DEFAULT '',
ADD COLUMN     "userAgent" VARCHAR(512) NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "protected" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "emailKey" VARCHAR(320) NOT NULL,
    "name" VARCHAR(128) NOT NULL DEFAULT '',
    "role" VARCHAR(16) NOT NULL,
    "passwordHash" VARCHAR(255),
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "lastSignInAt" TIMESTAMP(3),
    "invitationHash" VARCHAR(64),
    "invitationExpiresAt" TIMESTAMP(3),
    "oidcSubject" VARCHAR(512),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" VARCHAR(64) NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" VARCHAR(64) NOT NULL DEFAULT '',
    "userAgent" VARCHAR(512) NOT NULL DEFAULT '',

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SetupCode" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "codeHash" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SetupCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" VARCHAR(400) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_emailKey_key" ON "User"("emailKey");

-- CreateIndex
CREATE UNIQUE INDEX "User_invitationHash_key" ON "User"("invitationHash");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorType_actorId_at_idx" ON "AuditEvent"("actorType", "actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot express.
ALTER TABLE "User" ADD CONSTRAINT "User_role_check" CHECK ("role" IN ('admin', 'developer', 'viewer'));
ALTER TABLE "User" ADD CONSTRAINT "User_emailKey_check" CHECK ("emailKey" = lower("email") AND position('@' in "email") > 1);
ALTER TABLE "User" ADD CONSTRAINT "User_invitation_check" CHECK (("invitationHash" IS NULL) = ("invitationExpiresAt" IS NULL));
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_role_check" CHECK ("role" IN ('admin', 'developer', 'viewer'));
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_hash_check" CHECK ("hash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "Session" ADD CONSTRAINT "Session_id_check" CHECK ("id" ~ '^[0-9a-f]{64}$');
ALTER TABLE "SetupCode" ADD CONSTRAINT "SetupCode_single_row_check" CHECK ("id" = 1);
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorType_check" CHECK ("actorType" IN ('user', 'token', 'node', 'system'));
