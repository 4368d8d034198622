-- AlterTable
ALTER TABLE "GatewayNode" ADD COLUMN     "adminToken" VARCHAR(512),
ADD COLUMN     "approvedAt" TIMESTAMP(3);

-- Registered nodes now send their own admin token and need approval. Rows
-- registered before carry neither: they are dropped, and each node registers
-- again at its next heartbeat (it is told the console no longer knows it).
DELETE FROM "GatewayNode" WHERE "source" = 'REGISTERED';

-- A configured node is approved by its configuration; only registered nodes wait.
ALTER TABLE "GatewayNode" ADD CONSTRAINT "GatewayNode_registered_token" CHECK ("source" <> 'REGISTERED' OR "adminToken" IS NOT NULL);
