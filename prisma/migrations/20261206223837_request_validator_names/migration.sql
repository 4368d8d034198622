-- AlterTable
ALTER TABLE "Api" ADD COLUMN     "defaultRequestValidator" VARCHAR(128),
ADD COLUMN     "requestValidators" JSONB;

-- AlterTable
ALTER TABLE "Method" ADD COLUMN     "requestContentType" VARCHAR(255),
ADD COLUMN     "requestValidatorName" VARCHAR(128);
