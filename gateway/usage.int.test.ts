import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay } from "@/gateway/stores";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";

const base = `/${API_ID}/${STAGE}`;
const keyed = { authorization: "API_KEY" as const };

type DailyUsage = { from: string; to: string; keys: { keyId: string; days: { date: string; used: number }[] }[] };

describe("daily usage per API key on the admin API", () => {
  let gw: TestGateway;
  const today = () => formatDay(Math.floor(Date.now() / 86_400_000));

  beforeAll(async () => {
    gw = await startTestGateway();
    await gw.admin.applyStage(
      API_ID,
      STAGE,
      makeSnapshot([mockRoute("metered", "GET", "/metered", "{}", keyed), mockRoute("free", "GET", "/free", "{}", keyed)]),
    );
    await gw.admin.applyConsumers(
      makeConsumers(
        [
          {
            id: "capped",
            throttle: { rateLimit: 0.001, burstLimit: 4 },
            quota: { limit: 3, period: "DAY" },
            apiStages: [{ apiId: API_ID, stage: STAGE }],
          },
          { id: "open", apiStages: [{ apiId: API_ID, stage: STAGE }] },
        ],
        [
          { id: "k-capped", value: "capped-key-value-1", planIds: ["capped"] },
          { id: "k-open", value: "open-key-value-123", planIds: ["open"] },
        ],
      ),
    );
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function dailyUsage(query: string): Promise<DailyUsage> {
    const response = await gw.admin.request("GET", `/v1/usage?${query}`);
    expect(response.status).toBe(200);
    return response.body as DailyUsage;
  }

  it("counts served requests of keys without a quota per UTC day, and not requests refused with 403", async () => {
    for (let i = 0; i < 5; i++)
      expect((await call(gw.proxyUrl, `${base}/free`, { headers: { "x-api-key": "open-key-value-123" } })).status).toBe(200);
    expect((await call(gw.proxyUrl, `${base}/free`, { headers: { "x-api-key": "not-a-key-at-all" } })).status).toBe(403);
    expect((await call(gw.proxyUrl, `${base}/free`)).status).toBe(403);
    const body = await dailyUsage("keys=k-open");
    expect(body).toMatchObject({ from: today(), to: today() });
    expect(body.keys).toEqual([{ keyId: "k-open", days: [{ date: today(), used: 5 }] }]);
  });

  it("counts only requests the quota and the throttle let through, as API Gateway's GetUsage does", async () => {
    const headers = { "x-api-key": "capped-key-value-1" };
    const statuses: number[] = [];
    // Quota 3 per day, burst 4: three served, the fourth refused by the quota, the fifth by the throttle.
    for (let i = 0; i < 5; i++) statuses.push((await call(gw.proxyUrl, `${base}/metered`, { headers })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const body = await dailyUsage(`keys=k-capped,k-open&from=${formatDay(Math.floor(Date.now() / 86_400_000) - 6)}&to=${today()}`);
    const capped = body.keys.find((key) => key.keyId === "k-capped");
    expect(capped?.days).toHaveLength(7);
    expect(capped?.days.at(-1)).toEqual({ date: today(), used: 3 });
    expect(capped?.days.slice(0, 6).every((day) => day.used === 0)).toBe(true);
    // What it answered before, for current callers, is still there.
    const response = await gw.admin.request("GET", "/v1/usage?keys=k-capped");
    expect((response.body as { usage: unknown[] }).usage).toEqual([
      expect.objectContaining({ keyId: "k-capped", planId: "capped", period: "DAY", limit: 3, used: 3, remaining: 0 }),
    ]);
  });

  it("refuses more than 90 days, reversed ranges and malformed dates with 400 and what to change", async () => {
    const cases: [string, RegExp][] = [
      ["keys=k-open&from=2025-01-01&to=2025-04-01", /at most 90 days/],
      ["keys=k-open&from=2025-03-02&to=2025-03-01", /after 'to'/],
      ["keys=k-open&from=2025-02-30", /YYYY-MM-DD/],
    ];
    for (const [query, message] of cases) {
      const response = await gw.admin.request("GET", `/v1/usage?${query}`);
      expect(response.status, query).toBe(400);
      expect((response.body as { error: { message: string } }).error.message).toMatch(message);
    }
    expect((await gw.admin.request("GET", "/v1/usage?keys=k-open&from=2025-01-01&to=2025-03-31")).status).toBe(200);
  });
});
