-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "accessLogDestination" VARCHAR(16),
ADD COLUMN     "accessLogFormat" VARCHAR(4096);

-- A destination means nothing without a format; only the two the gateway knows.
ALTER TABLE "Stage" ADD CONSTRAINT "Stage_accessLogDestination_check" CHECK (
  "accessLogDestination" IS NULL OR ("accessLogDestination" IN ('stdout', 'file') AND "accessLogFormat" IS NOT NULL)
);
