-- Integrity rules that Prisma's schema language cannot express: CHECK
-- constraints on values and ranges, and triggers for rules that span rows.
-- Prisma's schema differ ignores both, so they never show up as drift.

-- Api ------------------------------------------------------------------------

ALTER TABLE "Api" ADD CONSTRAINT "Api_name_check" CHECK (btrim("name") <> '');

-- Resource -------------------------------------------------------------------

-- A path segment: '' for the root only; otherwise a literal segment, a
-- variable {name} or a greedy variable {name+}.
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_pathPart_check" CHECK (
  ("parentId" IS NULL AND "pathPart" = '')
  OR ("parentId" IS NOT NULL AND "pathPart" ~ '^([A-Za-z0-9._~-]+|\{[A-Za-z0-9._~-]+\+?\})$')
);

-- The root's path is '/', and every other path ends with its own segment.
-- Together with the unique (apiId, path) this also allows one root per API.
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_path_check" CHECK (
  ("parentId" IS NULL AND "path" = '/')
  OR ("parentId" IS NOT NULL AND right("path", length("pathPart") + 1) = '/' || "pathPart")
);

-- variableParentId mirrors parentId for variable segments only, so that its
-- unique index allows at most one variable child per parent.
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_variableParentId_check" CHECK (
  ("pathPart" LIKE '{%}' AND "variableParentId" IS NOT NULL AND "variableParentId" = "parentId")
  OR ("pathPart" NOT LIKE '{%}' AND "variableParentId" IS NULL)
);

-- A resource's parent belongs to the same API.
CREATE FUNCTION "portico_resource_parent_same_api"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."parentId" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "Resource" WHERE "id" = NEW."parentId" AND "apiId" = NEW."apiId"
  ) THEN
    RAISE EXCEPTION 'Resource % has a parent (%) in another API', NEW."id", NEW."parentId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Resource_parent_same_api"
  BEFORE INSERT OR UPDATE OF "parentId", "apiId" ON "Resource"
  FOR EACH ROW EXECUTE FUNCTION "portico_resource_parent_same_api"();

-- Method and Integration -----------------------------------------------------

ALTER TABLE "Method" ADD CONSTRAINT "Method_httpMethod_check" CHECK (
  "httpMethod" IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY')
);

-- A method's request model belongs to the method's API.
CREATE FUNCTION "portico_method_model_same_api"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."requestModelId" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "Model" m JOIN "Resource" r ON r."apiId" = m."apiId"
    WHERE m."id" = NEW."requestModelId" AND r."id" = NEW."resourceId"
  ) THEN
    RAISE EXCEPTION 'Method % uses a request model (%) of another API', NEW."id", NEW."requestModelId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Method_model_same_api"
  BEFORE INSERT OR UPDATE OF "requestModelId", "resourceId" ON "Method"
  FOR EACH ROW EXECUTE FUNCTION "portico_method_model_same_api"();

ALTER TABLE "Integration" ADD CONSTRAINT "Integration_timeoutMs_check" CHECK (
  "timeoutMs" BETWEEN 50 AND 300000
);

ALTER TABLE "Integration" ADD CONSTRAINT "Integration_httpMethod_check" CHECK (
  "httpMethod" IS NULL
  OR "httpMethod" IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY')
);

-- Model ----------------------------------------------------------------------

ALTER TABLE "Model" ADD CONSTRAINT "Model_name_check" CHECK ("name" ~ '^[A-Za-z0-9_.-]+$');

-- Deployment -----------------------------------------------------------------

-- A deployment is a snapshot of what was pushed to the gateways: changing it
-- afterwards would make the console lie about what is being served.
CREATE FUNCTION "portico_deployment_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Deployment % is immutable: create a new deployment instead', OLD."id"
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "Deployment_immutable"
  BEFORE UPDATE ON "Deployment"
  FOR EACH ROW EXECUTE FUNCTION "portico_deployment_immutable"();

-- Stage ----------------------------------------------------------------------

ALTER TABLE "Stage" ADD CONSTRAINT "Stage_name_check" CHECK ("name" ~ '^[A-Za-z0-9_-]{1,128}$');

ALTER TABLE "Stage" ADD CONSTRAINT "Stage_throttle_check" CHECK (
  ("throttleRateLimit" IS NULL OR "throttleRateLimit" >= 0)
  AND ("throttleBurstLimit" IS NULL OR "throttleBurstLimit" >= 0)
);

ALTER TABLE "Stage" ADD CONSTRAINT "Stage_canaryPercent_check" CHECK (
  "canaryPercent" IS NULL OR "canaryPercent" BETWEEN 0 AND 100
);

-- Canary settings exist only together with a canary deployment.
ALTER TABLE "Stage" ADD CONSTRAINT "Stage_canary_check" CHECK (
  "canaryDeploymentId" IS NOT NULL
  OR ("canaryPercent" IS NULL AND "canaryVariables" IS NULL)
);

-- A stage points at deployments of its own API.
CREATE FUNCTION "portico_stage_deployments_same_api"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "Deployment" WHERE "id" = NEW."deploymentId" AND "apiId" = NEW."apiId"
  ) THEN
    RAISE EXCEPTION 'Stage % points at a deployment (%) of another API', NEW."name", NEW."deploymentId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW."canaryDeploymentId" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "Deployment" WHERE "id" = NEW."canaryDeploymentId" AND "apiId" = NEW."apiId"
  ) THEN
    RAISE EXCEPTION 'Stage % has a canary deployment (%) of another API', NEW."name", NEW."canaryDeploymentId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Stage_deployments_same_api"
  BEFORE INSERT OR UPDATE OF "deploymentId", "canaryDeploymentId", "apiId" ON "Stage"
  FOR EACH ROW EXECUTE FUNCTION "portico_stage_deployments_same_api"();

-- Usage plans ----------------------------------------------------------------

ALTER TABLE "UsagePlan" ADD CONSTRAINT "UsagePlan_name_check" CHECK (btrim("name") <> '');

ALTER TABLE "UsagePlan" ADD CONSTRAINT "UsagePlan_throttle_check" CHECK (
  ("throttleRateLimit" IS NULL OR "throttleRateLimit" >= 0)
  AND ("throttleBurstLimit" IS NULL OR "throttleBurstLimit" >= 0)
);

-- A quota is a limit and a period, both or neither.
ALTER TABLE "UsagePlan" ADD CONSTRAINT "UsagePlan_quota_check" CHECK (
  ("quotaLimit" IS NULL OR "quotaLimit" > 0)
  AND (("quotaLimit" IS NULL) = ("quotaPeriod" IS NULL))
);

ALTER TABLE "UsagePlanMethodThrottle" ADD CONSTRAINT "UsagePlanMethodThrottle_limits_check" CHECK (
  "rateLimit" >= 0 AND "burstLimit" >= 0
);

-- "*" stands for every method, as in AWS's "/*/*" throttle keys.
ALTER TABLE "UsagePlanMethodThrottle" ADD CONSTRAINT "UsagePlanMethodThrottle_httpMethod_check" CHECK (
  "httpMethod" IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', '*')
);

-- API keys -------------------------------------------------------------------

-- Only a sha256 hex digest is ever stored, never the key itself.
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_keyHash_check" CHECK ("keyHash" ~ '^[0-9a-f]{64}$');

ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_name_check" CHECK (btrim("name") <> '');

ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_rotatedFromId_check" CHECK (
  "rotatedFromId" IS NULL OR "rotatedFromId" <> "id"
);

-- Gateway nodes --------------------------------------------------------------

ALTER TABLE "GatewayNode" ADD CONSTRAINT "GatewayNode_adminUrl_check" CHECK ("adminUrl" ~ '^https?://');
