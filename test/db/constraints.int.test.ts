// Integrity rules live in the database, not only in the code that writes it:
// each bad row below must be refused by PostgreSQL itself.

import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inject } from "vitest";

const HASH = "a".repeat(64);
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

// Every test runs in a transaction that is rolled back, so tests leave no rows behind.
beforeEach(async () => {
  await client.query("BEGIN");
  await seed();
  return async () => {
    await client.query("ROLLBACK");
  };
});

async function exec(sql: string, values: unknown[] = []): Promise<void> {
  await client.query(sql, values);
}

/** Runs a statement that must fail, inside a savepoint so the transaction stays usable. */
async function expectRefused(sql: string, pattern: RegExp, values: unknown[] = []): Promise<void> {
  await client.query("SAVEPOINT attempt");
  let failure: unknown;
  try {
    await client.query(sql, values);
  } catch (error) {
    failure = error;
  }
  await client.query("ROLLBACK TO SAVEPOINT attempt");
  expect(failure, `expected the database to refuse: ${sql}`).toBeInstanceOf(Error);
  const details = failure as Error & { constraint?: string };
  expect(`${details.constraint ?? ""} ${details.message}`).toMatch(pattern);
}

async function seed(): Promise<void> {
  await exec(`INSERT INTO "Api" (id, name, "updatedAt") VALUES ('api1', 'Pets', now()), ('api2', 'Other', now())`);
  await exec(`INSERT INTO "Resource" (id, "apiId", "parentId", "pathPart", path, "updatedAt") VALUES
    ('root1', 'api1', NULL, '', '/', now()),
    ('pets', 'api1', 'root1', 'pets', '/pets', now()),
    ('root2', 'api2', NULL, '', '/', now())`);
  await exec(`INSERT INTO "Resource" (id, "apiId", "parentId", "pathPart", path, "variableParentId", "updatedAt")
    VALUES ('petId', 'api1', 'pets', '{petId}', '/pets/{petId}', 'pets', now())`);
  await exec(`INSERT INTO "Method" (id, "resourceId", "httpMethod", "updatedAt") VALUES ('m1', 'pets', 'GET', now())`);
  await exec(`INSERT INTO "Integration" (id, "methodId", type, "updatedAt") VALUES ('i1', 'm1', 'MOCK', now())`);
  await exec(
    `INSERT INTO "Deployment" (id, "apiId", snapshot, hash, "createdBy") VALUES
    ('d1', 'api1', '{}', $1, 'test'), ('d2', 'api2', '{}', $1, 'test')`,
    [HASH],
  );
  await exec(`INSERT INTO "Stage" (id, "apiId", name, "deploymentId", "updatedAt") VALUES ('s1', 'api1', 'dev', 'd1', now())`);
  await exec(`INSERT INTO "UsagePlan" (id, name, "updatedAt") VALUES ('p1', 'Basic', now())`);
  await exec(`INSERT INTO "UsagePlanStage" (id, "usagePlanId", "stageId") VALUES ('ps1', 'p1', 's1')`);
  await exec(`INSERT INTO "ApiKey" (id, name, "keyHash", "displayPrefix", "updatedAt") VALUES ('k1', 'ci', $1, 'abcd', now())`, [HASH]);
}

describe("resources", () => {
  it("accept literal, variable and greedy path parts", async () => {
    await exec(`INSERT INTO "Resource" (id, "apiId", "parentId", "pathPart", path, "updatedAt")
      VALUES ('v1', 'api1', 'pets', 'v1.json', '/pets/v1.json', now())`);
    await exec(`INSERT INTO "Resource" (id, "apiId", "parentId", "pathPart", path, "variableParentId", "updatedAt")
      VALUES ('proxy', 'api1', 'root1', '{proxy+}', '/{proxy+}', 'root1', now())`);
  });

  it.each([
    ["a second root in the same API", `('x', 'api1', NULL, '', '/', NULL)`, /Resource_apiId_path_key/],
    ["a root with a path part", `('x', 'api1', NULL, 'pets', '/pets', NULL)`, /Resource_pathPart_check/],
    ["an empty path part below the root", `('x', 'api1', 'pets', '', '/pets/', NULL)`, /Resource_pathPart_check/],
    ["a path part with a slash", `('x', 'api1', 'pets', 'a/b', '/pets/a/b', NULL)`, /Resource_pathPart_check/],
    ["a malformed variable", `('x', 'api1', 'pets', '{id', '/pets/{id', NULL)`, /Resource_pathPart_check/],
    ["a path that does not end with its path part", `('x', 'api1', 'pets', 'cats', '/pets/dogs', NULL)`, /Resource_path_check/],
    ["a variable without variableParentId", `('x', 'api1', 'root1', '{id}', '/{id}', NULL)`, /Resource_variableParentId_check/],
    ["a literal with variableParentId", `('x', 'api1', 'root1', 'cats', '/cats', 'root1')`, /Resource_variableParentId_check/],
    ["a variableParentId other than the parent", `('x', 'api1', 'root1', '{id}', '/{id}', 'pets')`, /Resource_variableParentId_check/],
    ["a second variable child of one parent", `('x', 'api1', 'pets', '{other}', '/pets/{other}', 'pets')`, /Resource_variableParentId_key/],
    [
      "a sibling with the same path part",
      `('x', 'api1', 'root1', 'pets', '/pets', NULL)`,
      /Resource_parentId_pathPart_key|Resource_apiId_path_key/,
    ],
    ["a parent from another API", `('x', 'api2', 'pets', 'cats', '/pets/cats', NULL)`, /another API/],
  ])("refuse %s", async (_case, row, pattern) => {
    await expectRefused(
      `INSERT INTO "Resource" (id, "apiId", "parentId", "pathPart", path, "variableParentId", "updatedAt")
       SELECT v.*, now() FROM (VALUES ${row}) AS v(id, "apiId", "parentId", "pathPart", path, "variableParentId")`,
      pattern,
    );
  });

  it("are removed with their API, together with methods, integrations, deployments and stages", async () => {
    await exec(`DELETE FROM "Api" WHERE id = 'api1'`);
    const { rows } = await client.query<{ left: string }>(`SELECT
      (SELECT count(*) FROM "Resource" WHERE "apiId" = 'api1') + (SELECT count(*) FROM "Method" WHERE id = 'm1') +
      (SELECT count(*) FROM "Integration" WHERE id = 'i1') + (SELECT count(*) FROM "Deployment" WHERE "apiId" = 'api1') +
      (SELECT count(*) FROM "Stage" WHERE id = 's1') + (SELECT count(*) FROM "UsagePlanStage" WHERE id = 'ps1') AS left`);
    expect(Number(rows[0]?.left)).toBe(0);
    // The usage plan is not the API's: it stays.
    expect((await client.query(`SELECT 1 FROM "UsagePlan" WHERE id = 'p1'`)).rowCount).toBe(1);
  });

  it("take their subtree with them when deleted", async () => {
    await exec(`DELETE FROM "Resource" WHERE id = 'pets'`);
    expect((await client.query(`SELECT id FROM "Resource" WHERE "apiId" = 'api1'`)).rows).toEqual([{ id: "root1" }]);
    expect((await client.query(`SELECT 1 FROM "Method" WHERE id = 'm1'`)).rowCount).toBe(0);
  });
});

describe("methods and integrations", () => {
  it("refuse an unknown HTTP method", async () => {
    await expectRefused(
      `INSERT INTO "Method" (id, "resourceId", "httpMethod", "updatedAt") VALUES ('x', 'petId', 'get', now())`,
      /Method_httpMethod_check/,
    );
  });

  it("refuse a second method with the same verb on a resource", async () => {
    await expectRefused(
      `INSERT INTO "Method" (id, "resourceId", "httpMethod", "updatedAt") VALUES ('x', 'pets', 'GET', now())`,
      /Method_resourceId_httpMethod_key/,
    );
  });

  it("refuse a request model of another API", async () => {
    await exec(`INSERT INTO "Model" (id, "apiId", name, schema, "updatedAt") VALUES ('model2', 'api2', 'Pet', '{}', now())`);
    await expectRefused(
      `INSERT INTO "Method" (id, "resourceId", "httpMethod", "requestModelId", "updatedAt") VALUES ('x', 'petId', 'GET', 'model2', now())`,
      /another API/,
    );
  });

  it.each([
    ["a timeout below 50 ms", `"timeoutMs" = 49`],
    ["a timeout above 300000 ms", `"timeoutMs" = 300001`],
  ])("refuse %s", async (_case, assignment) => {
    await expectRefused(`UPDATE "Integration" SET ${assignment} WHERE id = 'i1'`, /Integration_timeoutMs_check/);
  });

  it("refuse an unknown upstream HTTP method", async () => {
    await expectRefused(`UPDATE "Integration" SET "httpMethod" = 'FETCH' WHERE id = 'i1'`, /Integration_httpMethod_check/);
  });

  it("accept the timeout limits themselves", async () => {
    await exec(`UPDATE "Integration" SET "timeoutMs" = 50 WHERE id = 'i1'`);
    await exec(`UPDATE "Integration" SET "timeoutMs" = 300000 WHERE id = 'i1'`);
  });
});

describe("deployments and stages", () => {
  it("refuse any change to a deployment", async () => {
    await expectRefused(`UPDATE "Deployment" SET description = 'edited' WHERE id = 'd1'`, /immutable/);
  });

  it("refuse deleting a deployment a stage points at", async () => {
    await expectRefused(`DELETE FROM "Deployment" WHERE id = 'd1'`, /Stage_deploymentId_fkey/);
  });

  it.each([
    ["a name with a space", `name = 'my stage'`, /Stage_name_check/],
    ["a canary percent above 100", `"canaryDeploymentId" = 'd1', "canaryPercent" = 100.5`, /Stage_canaryPercent_check/],
    ["a negative canary percent", `"canaryDeploymentId" = 'd1', "canaryPercent" = -1`, /Stage_canaryPercent_check/],
    ["canary settings without a canary deployment", `"canaryPercent" = 10`, /Stage_canary_check/],
    ["a negative throttle rate", `"throttleRateLimit" = -1`, /Stage_throttle_check/],
    ["a negative burst", `"throttleBurstLimit" = -1`, /Stage_throttle_check/],
    ["a deployment of another API", `"deploymentId" = 'd2'`, /another API/],
    ["a canary deployment of another API", `"canaryDeploymentId" = 'd2'`, /another API/],
  ])("refuse %s", async (_case, assignment, pattern) => {
    await expectRefused(`UPDATE "Stage" SET ${assignment} WHERE id = 's1'`, pattern);
  });

  it("refuse a second stage with the same name in one API", async () => {
    await expectRefused(
      `INSERT INTO "Stage" (id, "apiId", name, "deploymentId", "updatedAt") VALUES ('s2', 'api1', 'dev', 'd1', now())`,
      /Stage_apiId_name_key/,
    );
  });

  it("accept a canary with a percent between 0 and 100", async () => {
    await exec(`UPDATE "Stage" SET "canaryDeploymentId" = 'd1', "canaryPercent" = 12.5 WHERE id = 's1'`);
  });
});

describe("usage plans and keys", () => {
  it.each([
    ["a quota limit without a period", `"quotaLimit" = 100`, /UsagePlan_quota_check/],
    ["a quota period without a limit", `"quotaPeriod" = 'DAY'`, /UsagePlan_quota_check/],
    ["a quota limit of zero", `"quotaLimit" = 0, "quotaPeriod" = 'DAY'`, /UsagePlan_quota_check/],
    ["a negative throttle rate", `"throttleRateLimit" = -0.5`, /UsagePlan_throttle_check/],
    ["a negative burst", `"throttleBurstLimit" = -1`, /UsagePlan_throttle_check/],
  ])("refuse %s", async (_case, assignment, pattern) => {
    await expectRefused(`UPDATE "UsagePlan" SET ${assignment} WHERE id = 'p1'`, pattern);
  });

  it("refuse negative per-method throttles and unknown methods", async () => {
    const insert = `INSERT INTO "UsagePlanMethodThrottle" (id, "usagePlanStageId", "resourcePath", "httpMethod", "rateLimit", "burstLimit")`;
    await expectRefused(`${insert} VALUES ('t1', 'ps1', '/pets', 'GET', -1, 1)`, /UsagePlanMethodThrottle_limits_check/);
    await expectRefused(`${insert} VALUES ('t1', 'ps1', '/pets', 'GET', 1, -1)`, /UsagePlanMethodThrottle_limits_check/);
    await expectRefused(`${insert} VALUES ('t1', 'ps1', '/pets', 'BREW', 1, 1)`, /UsagePlanMethodThrottle_httpMethod_check/);
    await exec(`${insert} VALUES ('t1', 'ps1', '/*', '*', 10, 20)`);
  });

  it("refuse a key hash that is not a lowercase sha256 hex digest", async () => {
    await expectRefused(`UPDATE "ApiKey" SET "keyHash" = $1 WHERE id = 'k1'`, /ApiKey_keyHash_check/, ["A".repeat(64)]);
    await expectRefused(`UPDATE "ApiKey" SET "keyHash" = $1 WHERE id = 'k1'`, /ApiKey_keyHash_check/, ["plaintext-key"]);
  });

  it("refuse two keys with the same hash", async () => {
    await expectRefused(
      `INSERT INTO "ApiKey" (id, name, "keyHash", "displayPrefix", "updatedAt") VALUES ('k2', 'dup', $1, 'abcd', now())`,
      /ApiKey_keyHash_key/,
      [HASH],
    );
  });

  it("drop a plan's stage links and key links when the plan is deleted", async () => {
    await exec(`INSERT INTO "ApiKeyUsagePlan" ("apiKeyId", "usagePlanId") VALUES ('k1', 'p1')`);
    await exec(`DELETE FROM "UsagePlan" WHERE id = 'p1'`);
    expect((await client.query(`SELECT 1 FROM "UsagePlanStage" WHERE "usagePlanId" = 'p1'`)).rowCount).toBe(0);
    expect((await client.query(`SELECT 1 FROM "ApiKeyUsagePlan" WHERE "usagePlanId" = 'p1'`)).rowCount).toBe(0);
    expect((await client.query(`SELECT 1 FROM "ApiKey" WHERE id = 'k1'`)).rowCount).toBe(1);
  });
});
