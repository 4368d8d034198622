-- CreateEnum
CREATE TYPE "AuthorizerType" AS ENUM ('JWT', 'COGNITO_USER_POOLS', 'TOKEN', 'REQUEST');

-- AlterEnum
ALTER TYPE "ApiKeySource" ADD VALUE 'AUTHORIZER';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuthorizationType" ADD VALUE 'COGNITO_USER_POOLS';
ALTER TYPE "AuthorizationType" ADD VALUE 'CUSTOM';

-- AlterTable
ALTER TABLE "Method" ADD COLUMN     "authorizationScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "authorizerId" TEXT;

-- CreateTable
CREATE TABLE "Authorizer" (
    "id" TEXT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "type" "AuthorizerType" NOT NULL,
    "identitySource" VARCHAR(2048) NOT NULL DEFAULT '',
    "config" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Authorizer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Authorizer_apiId_name_key" ON "Authorizer"("apiId", "name");

-- AddForeignKey
ALTER TABLE "Authorizer" ADD CONSTRAINT "Authorizer_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Method" ADD CONSTRAINT "Method_authorizerId_fkey" FOREIGN KEY ("authorizerId") REFERENCES "Authorizer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
