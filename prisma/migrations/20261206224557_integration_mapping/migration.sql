-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "connectionId" VARCHAR(256),
ADD COLUMN     "connectionType" VARCHAR(16),
ADD COLUMN     "contentHandling" VARCHAR(32),
ADD COLUMN     "credentials" VARCHAR(2048),
ADD COLUMN     "parameterMapping" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "payloadFormatVersion" VARCHAR(8);
