-- CreateTable
CREATE TABLE "TrafficMinute" (
    "nodeId" VARCHAR(64) NOT NULL,
    "bootId" VARCHAR(128) NOT NULL,
    "minute" BIGINT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "stage" VARCHAR(128) NOT NULL,
    "route" VARCHAR(1024) NOT NULL,
    "statusClass" VARCHAR(3) NOT NULL,
    "apiKeyId" VARCHAR(64) NOT NULL,
    "count" INTEGER NOT NULL,
    "latency" JSONB NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "integrationLatency" JSONB NOT NULL,
    "integrationLatencySumMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TrafficMinute_pkey" PRIMARY KEY ("nodeId","bootId","minute","apiId","stage","route","statusClass","apiKeyId")
);

-- CreateTable
CREATE TABLE "TrafficHour" (
    "hour" BIGINT NOT NULL,
    "apiId" VARCHAR(32) NOT NULL,
    "stage" VARCHAR(128) NOT NULL,
    "route" VARCHAR(1024) NOT NULL,
    "statusClass" VARCHAR(3) NOT NULL,
    "apiKeyId" VARCHAR(64) NOT NULL,
    "count" INTEGER NOT NULL,
    "latency" JSONB NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "integrationLatency" JSONB NOT NULL,
    "integrationLatencySumMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TrafficHour_pkey" PRIMARY KEY ("apiId","stage","hour","route","statusClass","apiKeyId")
);

-- CreateTable
CREATE TABLE "TrafficCollector" (
    "nodeId" VARCHAR(64) NOT NULL,
    "bootId" VARCHAR(128),
    "since" BIGINT,
    "lastReadAt" TIMESTAMP(3),
    "lastError" VARCHAR(2048),

    CONSTRAINT "TrafficCollector_pkey" PRIMARY KEY ("nodeId")
);

-- CreateTable
CREATE TABLE "TrafficGap" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" VARCHAR(64) NOT NULL,
    "nodeName" VARCHAR(128) NOT NULL,
    "fromMinute" BIGINT NOT NULL,
    "toMinute" BIGINT NOT NULL,
    "reason" VARCHAR(16) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrafficGap_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrafficMinute_apiId_stage_minute_idx" ON "TrafficMinute"("apiId", "stage", "minute");

-- CreateIndex
CREATE INDEX "TrafficMinute_minute_idx" ON "TrafficMinute"("minute");

-- CreateIndex
CREATE INDEX "TrafficHour_hour_idx" ON "TrafficHour"("hour");

-- CreateIndex
CREATE INDEX "TrafficGap_toMinute_idx" ON "TrafficGap"("toMinute");

-- Counters are what the nodes reported: never negative, and one of the five status classes.
ALTER TABLE "TrafficMinute" ADD CONSTRAINT "TrafficMinute_count_check" CHECK ("count" >= 0);
ALTER TABLE "TrafficMinute" ADD CONSTRAINT "TrafficMinute_statusClass_check" CHECK ("statusClass" IN ('1xx', '2xx', '3xx', '4xx', '5xx'));
ALTER TABLE "TrafficHour" ADD CONSTRAINT "TrafficHour_count_check" CHECK ("count" >= 0);
ALTER TABLE "TrafficHour" ADD CONSTRAINT "TrafficHour_statusClass_check" CHECK ("statusClass" IN ('1xx', '2xx', '3xx', '4xx', '5xx'));
ALTER TABLE "TrafficGap" ADD CONSTRAINT "TrafficGap_range_check" CHECK ("fromMinute" < "toMinute");
