import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.hoisted(() => {
  // The console reads its environment once, at import: the token of the test gateway must be there first.
  process.env.GATEWAY_ADMIN_TOKEN = "test-admin-token-0123456789-abcdef";
});

import { PORTAL_SESSION_COOKIE_NAME, SESSION_COOKIE_NAME } from "@/lib/keys/console-token-format";
import {
  CatalogItemSchema,
  ConsumerApiKeySchema,
  ConsumerSchema,
  InvitationResultSchema,
  PendingRequestSchema,
  SignUpResultSchema,
  SubscribeResultSchema,
  UsageLineSchema,
} from "@/lib/schemas/portal";
import { prisma } from "@/lib/server/db";
import { SIGN_UPS_PER_WINDOW } from "@/lib/server/portal/sign-up-consumer";

import { call, expectError, expectOk } from "../../_tests/call";
import { createDeployedStage, createPlan, startTestNode, uniqueId, type TestNode } from "../../api-keys/_tests/fixtures";
import * as consoleKeysRoute from "../../api-keys/route";
import * as keysRoute from "../api-keys/route";
import * as revokeRoute from "../api-keys/[apiKeyId]/revoke/route";
import * as rotateRoute from "../api-keys/[apiKeyId]/rotate/route";
import * as catalogRoute from "../catalog/route";
import * as consumerActionRoute from "../consumers/[consumerId]/[action]/route";
import * as invitationsRoute from "../invitations/route";
import * as listingsRoute from "../listings/route";
import * as approveRoute from "../requests/[requestId]/approve/route";
import * as requestsRoute from "../requests/route";
import * as settingsRoute from "../settings/route";
import * as signInRoute from "../sign-in/route";
import * as signUpRoute from "../sign-up/route";
import * as claimKeyRoute from "../subscriptions/[subscriptionId]/api-key/route";
import * as subscriptionsRoute from "../subscriptions/route";
import * as usageRoute from "../usage/route";

const ORIGIN = "http://127.0.0.1:3000";
const PASSWORD = "a long consumer passphrase";
let node: TestNode;
let addressCounter = 0;

beforeAll(async () => {
  node = await startTestNode();
});

afterAll(async () => {
  await node?.stop();
});

afterEach(async () => {
  // Each test that changes the sign-up mode puts it back.
  await prisma.portalSettings.deleteMany();
});

/** A client address of its own per sign-up, so that the sign-up limit counts only where a test means it to. */
function freshAddress(): string {
  addressCounter += 1;
  return `10.18.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
}

function cookieFrom(headers: Headers): string {
  const match = new RegExp(`${PORTAL_SESSION_COOKIE_NAME}=([^;]*)`).exec(headers.get("set-cookie") ?? "");
  if (!match?.[1]) throw new Error("The answer set no portal cookie");
  return match[1];
}

/** Headers of a consumer's browser on the portal: the portal's cookie and the console's own origin. */
function asConsumer(cookie: string) {
  return { as: "anonymous" as const, headers: { cookie: `${PORTAL_SESSION_COOKIE_NAME}=${cookie}`, origin: ORIGIN } };
}

async function signUp(overrides: Record<string, unknown> = {}, address = freshAddress()) {
  return call("POST", signUpRoute.POST, {
    as: "anonymous",
    headers: { origin: ORIGIN, "x-forwarded-for": address },
    body: { email: `${uniqueId("consumer")}@example.com`, name: "A Consumer", password: PASSWORD, ...overrides },
  });
}

async function signedInConsumer(): Promise<{ cookie: string; consumerId: string }> {
  const result = await signUp();
  const body = expectOk(result, 201, SignUpResultSchema);
  expect(body.signedIn).toBe(true);
  return { cookie: cookieFrom(result.headers), consumerId: body.consumer.id };
}

/** A deployed stage the node serves, a plan on it, and a listing of it. */
async function publishedListing(approval: "auto" | "manual" = "auto") {
  const { apiId, stage } = await createDeployedStage();
  await node.serveStage(apiId, stage);
  const { usagePlan } = await createPlan({ quota: { limit: 50, period: "DAY" }, apiStages: [{ apiId, stage }] });
  const created = call("POST", listingsRoute.POST, { body: { apiId, stage, usagePlanIds: [usagePlan.id], approval } });
  const { listing } = expectOk(await created, 201, z.object({ listing: z.object({ id: z.string() }) }));
  return { apiId, stage, planId: usagePlan.id, listingId: listing.id };
}

async function subscribe(cookie: string, listingId: string, usagePlanId: string) {
  return call("POST", subscriptionsRoute.POST, { ...asConsumer(cookie), body: { listingId, usagePlanId } });
}

describe("the portal's automation surface", () => {
  it("publishes a stage, signs a consumer up and in, lists it in the catalog, and issues a working key on an automatic subscription", async () => {
    const { apiId, stage, planId, listingId } = await publishedListing();
    const email = `${uniqueId("signin")}@example.com`;
    expectOk(await signUp({ email }), 201, SignUpResultSchema);
    const signedIn = await call("POST", signInRoute.POST, {
      as: "anonymous",
      headers: { origin: ORIGIN },
      body: { email: email.toUpperCase(), password: PASSWORD },
    });
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    expect(signedIn.headers.get("set-cookie")).toMatch(new RegExp(`^${PORTAL_SESSION_COOKIE_NAME}=pcp_.*HttpOnly; SameSite=Lax`));
    const cookie = cookieFrom(signedIn.headers);
    const { consumer } = z.object({ consumer: ConsumerSchema }).parse(signedIn.body);

    const catalog = expectOk(await call("GET", catalogRoute.GET, asConsumer(cookie)), 200, z.object({ items: z.array(CatalogItemSchema) }));
    expect(catalog.items.find((item) => item.listingId === listingId)).toMatchObject({
      apiId,
      stage,
      plans: [{ id: planId, quota: { limit: 50, period: "DAY" }, throttle: null }],
    });

    const subscribed = expectOk(await subscribe(cookie, listingId, planId), 201, SubscribeResultSchema);
    expect(subscribed.subscription.status).toBe("active");
    expect(subscribed.apiKey?.value).toMatch(/^ptk_/);
    expect((await node.ping(apiId, stage, subscribed.apiKey?.value ?? "")).status).toBe(200);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: subscribed.apiKey?.id } });
    expect(row).toMatchObject({ consumerId: consumer.id, subscriptionId: subscribed.subscription.id });

    const usage = expectOk(await call("GET", usageRoute.GET, asConsumer(cookie)), 200, z.object({ items: z.array(UsageLineSchema) }));
    expect(usage.items).toEqual([
      expect.objectContaining({ apiKeyId: subscribed.apiKey?.id, usagePlanId: planId, period: "DAY", limit: 50, used: 1, remaining: 49 }),
    ]);

    const again = await subscribe(cookie, listingId, planId);
    expectError(again, 409, "conflict");
  });

  it("queues a manual subscription for an admin, whose approval lets the consumer take the key once", async () => {
    const { apiId, stage, planId, listingId } = await publishedListing("manual");
    const { cookie } = await signedInConsumer();
    const pending = expectOk(await subscribe(cookie, listingId, planId), 201, SubscribeResultSchema);
    expect(pending.subscription.status).toBe("pending");
    expect(pending.apiKey).toBeUndefined();

    const queue = expectOk(await call("GET", requestsRoute.GET), 200, z.object({ items: z.array(PendingRequestSchema) }));
    expect(queue.items.map((item) => item.id)).toContain(pending.subscription.id);
    const approved = await call("POST", approveRoute.POST, { params: { requestId: pending.subscription.id }, body: { note: "go ahead" } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expectError(await call("POST", approveRoute.POST, { params: { requestId: pending.subscription.id }, body: {} }), 409);

    const claimed = await call("POST", claimKeyRoute.POST, { ...asConsumer(cookie), params: { subscriptionId: pending.subscription.id } });
    const { apiKey } = expectOk(claimed, 201, z.object({ apiKey: z.object({ id: z.string(), value: z.string() }) }));
    expect((await node.ping(apiId, stage, apiKey.value)).status).toBe(200);
    expectError(
      await call("POST", claimKeyRoute.POST, { ...asConsumer(cookie), params: { subscriptionId: pending.subscription.id } }),
      409,
    );
  });
});

describe("isolation between consumers and the console", () => {
  it("keeps one consumer's keys and usage out of another's reach: listing, rotating and revoking them answer as if they did not exist", async () => {
    const { apiId, stage, planId, listingId } = await publishedListing();
    const alice = await signedInConsumer();
    const bob = await signedInConsumer();
    const aliceKey = expectOk(await subscribe(alice.cookie, listingId, planId), 201, SubscribeResultSchema).apiKey;
    if (!aliceKey) throw new Error("An automatic subscription answers with its key");

    const bobKeys = expectOk(
      await call("GET", keysRoute.GET, asConsumer(bob.cookie)),
      200,
      z.object({ items: z.array(ConsumerApiKeySchema) }),
    );
    expect(bobKeys.items).toEqual([]);
    expect(
      expectOk(await call("GET", usageRoute.GET, asConsumer(bob.cookie)), 200, z.object({ items: z.array(z.unknown()) })).items,
    ).toEqual([]);
    expectError(await call("POST", revokeRoute.POST, { ...asConsumer(bob.cookie), params: { apiKeyId: aliceKey.id } }), 404, "not_found");
    expectError(
      await call("POST", rotateRoute.POST, {
        ...asConsumer(bob.cookie),
        params: { apiKeyId: aliceKey.id },
        body: { gracePeriodSeconds: 0 },
      }),
      404,
      "not_found",
    );
    expect(await prisma.apiKey.findUniqueOrThrow({ where: { id: aliceKey.id } })).toMatchObject({ revokedAt: null, expiresAt: null });
    expect((await node.ping(apiId, stage, aliceKey.value)).status).toBe(200);

    // The owner can, and the gateway refuses the key right after.
    expect((await call("POST", revokeRoute.POST, { ...asConsumer(alice.cookie), params: { apiKeyId: aliceKey.id } })).status).toBe(200);
    expect((await node.ping(apiId, stage, aliceKey.value)).status).toBe(403);
    const events = await prisma.auditEvent.findMany({ where: { targetId: aliceKey.id, action: "apikey.revoke" } });
    expect(events.map((event) => [event.actorType, event.actorId])).toEqual([["consumer", alice.consumerId]]);
  });

  it("never lets a consumer's session reach the console, nor a console session or token act as a consumer", async () => {
    const { cookie } = await signedInConsumer();
    // The portal's cookie on a console endpoint, and its value under the console's cookie name.
    expectError(await call("GET", consoleKeysRoute.GET, asConsumer(cookie)), 401, "unauthenticated");
    expectError(await call("GET", consoleKeysRoute.GET, { as: "anonymous", headers: { cookie: `${SESSION_COOKIE_NAME}=${cookie}` } }), 401);
    // An admin's API token is no consumer.
    expectError(await call("GET", catalogRoute.GET, { as: "admin" }), 401, "unauthenticated");
    expectError(await call("GET", keysRoute.GET, { as: "admin" }), 401, "unauthenticated");
    // Nor are a console session's cookie, or a made-up portal cookie.
    const consoleCookie = `${SESSION_COOKIE_NAME}=pcs_${"a".repeat(36)}`;
    expectError(await call("GET", catalogRoute.GET, { as: "anonymous", headers: { cookie: consoleCookie } }), 401);
    expectError(await call("GET", catalogRoute.GET, asConsumer(`pcp_${"b".repeat(36)}`)), 401);
    // And a consumer cannot use the admin side of the portal.
    expectError(await call("GET", requestsRoute.GET, asConsumer(cookie)), 401);
  });

  it("refuses cookie-authenticated consumer changes from another origin, or with no origin at all", async () => {
    const { listingId, planId } = await publishedListing();
    const { cookie } = await signedInConsumer();
    const cookieHeader = `${PORTAL_SESSION_COOKIE_NAME}=${cookie}`;
    const body = { listingId, usagePlanId: planId };
    expectError(
      await call("POST", subscriptionsRoute.POST, {
        as: "anonymous",
        headers: { cookie: cookieHeader, origin: "https://evil.example" },
        body,
      }),
      403,
    );
    expectError(await call("POST", subscriptionsRoute.POST, { as: "anonymous", headers: { cookie: cookieHeader }, body }), 403);
    expect(await prisma.subscription.count({ where: { listingId } })).toBe(0);
  });

  it("disabling a consumer in the console ends their sessions and disables their keys on the gateway at once", async () => {
    const { apiId, stage, planId, listingId } = await publishedListing();
    const { cookie, consumerId } = await signedInConsumer();
    const key = expectOk(await subscribe(cookie, listingId, planId), 201, SubscribeResultSchema).apiKey;
    expect((await node.ping(apiId, stage, key?.value ?? "")).status).toBe(200);

    const disabled = await call("POST", consumerActionRoute.POST, { params: { consumerId, action: "disable" } });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect((await node.ping(apiId, stage, key?.value ?? "")).status).toBe(403);
    expectError(await call("GET", catalogRoute.GET, asConsumer(cookie)), 401);

    expect((await call("POST", consumerActionRoute.POST, { params: { consumerId, action: "enable" } })).status).toBe(200);
    expect((await node.ping(apiId, stage, key?.value ?? "")).status).toBe(200);
    const actions = await prisma.auditEvent.findMany({ where: { targetId: consumerId }, orderBy: { id: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["consumer.signup", "consumer.disable", "consumer.enable"]);
  });
});

describe("sign-up modes and limits", () => {
  it("limits sign-ups per client address", async () => {
    const address = freshAddress();
    for (let index = 0; index < SIGN_UPS_PER_WINDOW; index += 1) expect((await signUp({}, address)).status).toBe(201);
    const refused = await signUp({}, address);
    expectError(refused, 429, "too_many_requests");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("in approval mode, holds new consumers until an admin approves them", async () => {
    expect((await call("PATCH", settingsRoute.PATCH, { body: { signupMode: "approval" } })).status).toBe(200);
    const email = `${uniqueId("pending")}@example.com`;
    const result = expectOk(await signUp({ email }), 201, SignUpResultSchema);
    expect(result).toMatchObject({ signedIn: false, consumer: { status: "pending" } });
    const signIn = () =>
      call("POST", signInRoute.POST, { as: "anonymous", headers: { origin: ORIGIN }, body: { email, password: PASSWORD } });
    expect(expectError(await signIn(), 403, "forbidden").message).toContain("approval");
    expect((await call("POST", consumerActionRoute.POST, { params: { consumerId: result.consumer.id, action: "approve" } })).status).toBe(
      200,
    );
    expect((await signIn()).status).toBe(200);
  });

  it("in invite mode, takes an unused invitation for the same address", async () => {
    expect((await call("PATCH", settingsRoute.PATCH, { body: { signupMode: "invite" } })).status).toBe(200);
    const email = `${uniqueId("invited")}@example.com`;
    expectError(await signUp({ email }), 403, "forbidden");
    const invitation = expectOk(await call("POST", invitationsRoute.POST, { body: { email } }), 201, InvitationResultSchema);
    expect(invitation.mailed).toBe(false);
    const code = new URL(invitation.invitationUrl).searchParams.get("invitation") ?? "";
    expectError(await signUp({ email: `other-${email}`, invitation: code }), 403);
    expect(expectOk(await signUp({ email, invitation: code }), 201, SignUpResultSchema).signedIn).toBe(true);
    expectError(await signUp({ email: `again-${email}`, invitation: code }), 403);
  });
});
