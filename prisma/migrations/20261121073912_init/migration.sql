-- CreateEnum
CREATE TYPE "ApiKeySource" AS ENUM ('HEADER');

-- CreateEnum
CREATE TYPE "AuthorizationType" AS ENUM ('NONE', 'API_KEY', 'JWT');

-- CreateEnum
CREATE TYPE "RequestValidator" AS ENUM ('NONE', 'BODY', 'PARAMS', 'BODY_AND_PARAMS');

-- CreateEnum
CREATE TYPE "IntegrationType" AS ENUM ('HTTP_PROXY', 'HTTP', 'MOCK', 'AWS', 'AWS_PROXY');

-- CreateEnum
CREATE TYPE "QuotaPeriod" AS ENUM ('DAY', 'WEEK', 'MONTH');

-- CreateEnum
CREATE TYPE "GatewayNodeSource" AS ENUM ('CONFIG', 'REGISTERED');

-- CreateTable
CREATE TABLE "Api" (
    "id" VARCHAR(32) NOT NULL DEFAULT substr(md5(((random())::text || (clock_timestamp())::text)), 1, 10),
    "name" VARCHAR(128) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "version" VARCHAR(64),
    "cors" JSONB,
    "apiKeySource" "ApiKeySource" NOT NULL DEFAULT 'HEADER',
    "binaryMediaTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "gatewayResponses" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Api_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resource" (
    "id" TEXT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "parentId" TEXT,
    "pathPart" VARCHAR(255) NOT NULL,
    "path" VARCHAR(2048) NOT NULL,
    "variableParentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Method" (
    "id" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "httpMethod" VARCHAR(7) NOT NULL,
    "operationName" VARCHAR(128),
    "summary" VARCHAR(1024),
    "authorizationType" "AuthorizationType" NOT NULL DEFAULT 'NONE',
    "apiKeyRequired" BOOLEAN NOT NULL DEFAULT false,
    "requestParameters" JSONB NOT NULL DEFAULT '[]',
    "requestModelId" TEXT,
    "requestValidator" "RequestValidator" NOT NULL DEFAULT 'NONE',
    "responses" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Method_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "methodId" TEXT NOT NULL,
    "type" "IntegrationType" NOT NULL,
    "httpMethod" VARCHAR(7),
    "uri" VARCHAR(2048),
    "timeoutMs" INTEGER NOT NULL DEFAULT 29000,
    "requestParameters" JSONB NOT NULL DEFAULT '{}',
    "requestTemplates" JSONB NOT NULL DEFAULT '{}',
    "passthroughBehavior" VARCHAR(32),
    "mockResponse" JSONB,
    "responses" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "contentType" VARCHAR(255) NOT NULL DEFAULT 'application/json',
    "schema" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "snapshot" JSONB NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" VARCHAR(255) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Stage" (
    "id" TEXT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "deploymentId" TEXT NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "throttleRateLimit" DOUBLE PRECISION,
    "throttleBurstLimit" INTEGER,
    "canaryDeploymentId" TEXT,
    "canaryPercent" DOUBLE PRECISION,
    "canaryVariables" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Stage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsagePlan" (
    "id" TEXT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "throttleRateLimit" DOUBLE PRECISION,
    "throttleBurstLimit" INTEGER,
    "quotaLimit" INTEGER,
    "quotaPeriod" "QuotaPeriod",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsagePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsagePlanStage" (
    "id" TEXT NOT NULL,
    "usagePlanId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,

    CONSTRAINT "UsagePlanStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsagePlanMethodThrottle" (
    "id" TEXT NOT NULL,
    "usagePlanStageId" TEXT NOT NULL,
    "resourcePath" VARCHAR(2048) NOT NULL,
    "httpMethod" VARCHAR(7) NOT NULL,
    "rateLimit" DOUBLE PRECISION NOT NULL,
    "burstLimit" INTEGER NOT NULL,

    CONSTRAINT "UsagePlanMethodThrottle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "customerId" VARCHAR(255),
    "keyHash" CHAR(64) NOT NULL,
    "displayPrefix" VARCHAR(16) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "revokedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "rotatedFromId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyUsagePlan" (
    "apiKeyId" TEXT NOT NULL,
    "usagePlanId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKeyUsagePlan_pkey" PRIMARY KEY ("apiKeyId","usagePlanId")
);

-- CreateTable
CREATE TABLE "GatewayNode" (
    "id" TEXT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "adminUrl" VARCHAR(2048) NOT NULL,
    "source" "GatewayNodeSource" NOT NULL DEFAULT 'CONFIG',
    "lastSeenAt" TIMESTAMP(3),
    "served" JSONB NOT NULL DEFAULT '{}',
    "lastError" VARCHAR(2048),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" VARCHAR(255) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "targetType" VARCHAR(64) NOT NULL,
    "targetId" VARCHAR(255) NOT NULL,
    "apiId" VARCHAR(32),
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Api_name_idx" ON "Api"("name");

-- CreateIndex
CREATE INDEX "Api_createdAt_id_idx" ON "Api"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Resource_variableParentId_key" ON "Resource"("variableParentId");

-- CreateIndex
CREATE INDEX "Resource_apiId_idx" ON "Resource"("apiId");

-- CreateIndex
CREATE UNIQUE INDEX "Resource_parentId_pathPart_key" ON "Resource"("parentId", "pathPart");

-- CreateIndex
CREATE UNIQUE INDEX "Resource_apiId_path_key" ON "Resource"("apiId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "Method_resourceId_httpMethod_key" ON "Method"("resourceId", "httpMethod");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_methodId_key" ON "Integration"("methodId");

-- CreateIndex
CREATE UNIQUE INDEX "Model_apiId_name_key" ON "Model"("apiId", "name");

-- CreateIndex
CREATE INDEX "Deployment_apiId_createdAt_idx" ON "Deployment"("apiId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Stage_apiId_name_key" ON "Stage"("apiId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePlan_name_key" ON "UsagePlan"("name");

-- CreateIndex
CREATE INDEX "UsagePlanStage_stageId_idx" ON "UsagePlanStage"("stageId");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePlanStage_usagePlanId_stageId_key" ON "UsagePlanStage"("usagePlanId", "stageId");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePlanMethodThrottle_usagePlanStageId_resourcePath_httpM_key" ON "UsagePlanMethodThrottle"("usagePlanStageId", "resourcePath", "httpMethod");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_rotatedFromId_key" ON "ApiKey"("rotatedFromId");

-- CreateIndex
CREATE INDEX "ApiKey_customerId_idx" ON "ApiKey"("customerId");

-- CreateIndex
CREATE INDEX "ApiKeyUsagePlan_usagePlanId_idx" ON "ApiKeyUsagePlan"("usagePlanId");

-- CreateIndex
CREATE UNIQUE INDEX "GatewayNode_name_key" ON "GatewayNode"("name");

-- CreateIndex
CREATE UNIQUE INDEX "GatewayNode_adminUrl_key" ON "GatewayNode"("adminUrl");

-- CreateIndex
CREATE INDEX "AuditEvent_apiId_at_idx" ON "AuditEvent"("apiId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Method" ADD CONSTRAINT "Method_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Method" ADD CONSTRAINT "Method_requestModelId_fkey" FOREIGN KEY ("requestModelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_methodId_fkey" FOREIGN KEY ("methodId") REFERENCES "Method"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stage" ADD CONSTRAINT "Stage_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stage" ADD CONSTRAINT "Stage_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stage" ADD CONSTRAINT "Stage_canaryDeploymentId_fkey" FOREIGN KEY ("canaryDeploymentId") REFERENCES "Deployment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsagePlanStage" ADD CONSTRAINT "UsagePlanStage_usagePlanId_fkey" FOREIGN KEY ("usagePlanId") REFERENCES "UsagePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsagePlanStage" ADD CONSTRAINT "UsagePlanStage_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "Stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsagePlanMethodThrottle" ADD CONSTRAINT "UsagePlanMethodThrottle_usagePlanStageId_fkey" FOREIGN KEY ("usagePlanStageId") REFERENCES "UsagePlanStage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_rotatedFromId_fkey" FOREIGN KEY ("rotatedFromId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyUsagePlan" ADD CONSTRAINT "ApiKeyUsagePlan_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyUsagePlan" ADD CONSTRAINT "ApiKeyUsagePlan_usagePlanId_fkey" FOREIGN KEY ("usagePlanId") REFERENCES "UsagePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
