import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { env } from "@/lib/env";
import { hashPassword } from "@/lib/server/auth/passwords";
import { prisma } from "@/lib/server/db";
import { startTestProvider, type TestProvider } from "@/test/support/oidc-provider";

import * as configRoute from "../auth/config/route";
import * as meRoute from "../auth/me/route";
import * as callbackRoute from "../auth/oidc/callback/route";
import * as startRoute from "../auth/oidc/start/route";
import * as signInRoute from "../auth/sign-in/route";
import { call } from "./call";
import { uniqueName } from "./fixtures";

// Single sign-on against a real OpenID provider on loopback: the console's
// start and callback routes, the provider's own login and consent pages in
// between, as a browser would go through them.

const CONSOLE = "http://127.0.0.1:3000";
let provider: TestProvider;
const saved = { ...env };

beforeAll(async () => {
  provider = await startTestProvider({ redirectUri: `${CONSOLE}/api/v1/auth/oidc/callback` });
  Object.assign(env, {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_DEFAULT_ROLE: "viewer",
    OIDC_ROLE_CLAIM: "portico_role",
  });
});

afterAll(async () => {
  Object.assign(env, saved);
  await provider.close();
});

function cookiesOf(headers: Headers): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair.indexOf("=");
    cookies.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return cookies;
}

/** The whole browser round trip; returns the callback's answer. */
async function signInWithProvider(accountId: string, next = "/apis") {
  const start = await call("GET", startRoute.GET, { as: "anonymous", query: { next } });
  expect(start.status).toBe(302);
  const authorization = new URL(start.headers.get("location") ?? "");
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorization.searchParams.get("redirect_uri")).toBe(`${CONSOLE}/api/v1/auth/oidc/callback`);
  const flowCookie = cookiesOf(start.headers).get("portico_oidc");
  expect(flowCookie).toBeTruthy();
  expect(start.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax; Max-Age=600/);

  const back = await provider.authorize(authorization.href, accountId);
  expect(back.href.startsWith(`${CONSOLE}/api/v1/auth/oidc/callback?`)).toBe(true);
  const callback = await call("GET", callbackRoute.GET, {
    as: "anonymous",
    query: Object.fromEntries(back.searchParams),
    headers: { cookie: `portico_oidc=${flowCookie}` },
  });
  expect(callback.status).toBe(302);
  return callback;
}

async function meWith(callbackHeaders: Headers) {
  const session = cookiesOf(callbackHeaders).get("portico_session");
  expect(session, "a session cookie").toBeTruthy();
  return call("GET", meRoute.GET, { as: "anonymous", headers: { cookie: `portico_session=${session}` } });
}

describe("single sign-on with OpenID Connect", () => {
  it("offers single sign-on on the sign-in page's config", async () => {
    const config = await call("GET", configRoute.GET, { as: "anonymous" });
    expect(config.body).toMatchObject({ oidc: true, passwordSignIn: true });
  });

  it("creates a user with the role from the claim, starts a session and returns to the page asked for", async () => {
    const accountId = uniqueName("alice");
    const email = `${accountId}@corp.example`;
    provider.accounts.set(accountId, { email, email_verified: true, name: "Alice Example", portico_role: "developer" });
    const callback = await signInWithProvider(accountId, "/apis/abc?tab=stages");
    expect(callback.headers.get("location")).toBe(`${CONSOLE}/apis/abc?tab=stages`);
    expect(callback.headers.get("set-cookie")).toMatch(
      /portico_oidc=; Path=\/api\/v1\/auth\/oidc\/callback; HttpOnly; SameSite=Lax; Max-Age=0/,
    );
    const me = await meWith(callback.headers);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email, name: "Alice Example", role: "developer" }, via: "session" });
    const user = await prisma.user.findUniqueOrThrow({ where: { emailKey: email } });
    expect(user.oidcSubject).toBe(`${provider.issuer} ${accountId}`);
    expect(user.passwordHash).toBeNull();
    const events = await prisma.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { at: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["user.create", "user.signin"]);
  });

  it("gives the default role without a claim, and applies a changed claim at the next sign-in", async () => {
    const accountId = uniqueName("bob");
    provider.accounts.set(accountId, { email: `${accountId}@corp.example`, email_verified: true });
    expect((await meWith((await signInWithProvider(accountId)).headers)).body).toMatchObject({ user: { role: "viewer" } });
    provider.accounts.set(accountId, { email: `${accountId}@corp.example`, email_verified: true, portico_role: ["staff", "admin"] });
    expect((await meWith((await signInWithProvider(accountId)).headers)).body).toMatchObject({ user: { role: "admin" } });
  });

  it("links an invited or password user by a verified email, and refuses to link an unverified one", async () => {
    const accountId = uniqueName("carol");
    const email = `${accountId}@corp.example`;
    const existing = await prisma.user.create({
      data: { email, emailKey: email, role: "developer", passwordHash: await hashPassword("a long enough password") },
    });
    provider.accounts.set(accountId, { email, email_verified: false });
    const refused = await signInWithProvider(accountId);
    expect(decodeURIComponent(refused.headers.get("location") ?? "")).toMatch(/\/sign-in\?error=.*does not say the address is verified/);
    expect(cookiesOf(refused.headers).has("portico_session")).toBe(false);

    provider.accounts.set(accountId, { email, email_verified: true });
    const me = await meWith((await signInWithProvider(accountId)).headers);
    expect(me.body).toMatchObject({ user: { id: existing.id, role: "developer" } });
  });

  it("refuses a disabled user", async () => {
    const accountId = uniqueName("dave");
    const email = `${accountId}@corp.example`;
    await prisma.user.create({
      data: { email, emailKey: email, role: "viewer", disabled: true, oidcSubject: `${provider.issuer} ${accountId}` },
    });
    provider.accounts.set(accountId, { email, email_verified: true });
    const refused = await signInWithProvider(accountId);
    expect(decodeURIComponent(refused.headers.get("location") ?? "")).toMatch(/error=This account is disabled/);
  });

  it("refuses a callback without the flow cookie, with a forged state, or replayed", async () => {
    const accountId = uniqueName("erin");
    provider.accounts.set(accountId, { email: `${accountId}@corp.example`, email_verified: true });
    const start = await call("GET", startRoute.GET, { as: "anonymous" });
    const flowCookie = cookiesOf(start.headers).get("portico_oidc");
    const back = await provider.authorize(start.headers.get("location") ?? "", accountId);
    const query = Object.fromEntries(back.searchParams);

    const noCookie = await call("GET", callbackRoute.GET, { as: "anonymous", query });
    expect(decodeURIComponent(noCookie.headers.get("location") ?? "")).toMatch(
      /error=Single sign-on took too long or was started in another browser/,
    );

    const forged = await call("GET", callbackRoute.GET, {
      as: "anonymous",
      query: { ...query, state: "forged" },
      headers: { cookie: `portico_oidc=${flowCookie}` },
    });
    expect(decodeURIComponent(forged.headers.get("location") ?? "")).toMatch(/error=Single sign-on failed/);
    expect(cookiesOf(forged.headers).has("portico_session")).toBe(false);

    const first = await call("GET", callbackRoute.GET, { as: "anonymous", query, headers: { cookie: `portico_oidc=${flowCookie}` } });
    expect(cookiesOf(first.headers).has("portico_session")).toBe(true);
    const replayed = await call("GET", callbackRoute.GET, { as: "anonymous", query, headers: { cookie: `portico_oidc=${flowCookie}` } });
    expect(decodeURIComponent(replayed.headers.get("location") ?? "")).toMatch(/error=Single sign-on failed/);
  });

  it("never sends the browser to another site after sign-in", async () => {
    const accountId = uniqueName("frank");
    provider.accounts.set(accountId, { email: `${accountId}@corp.example`, email_verified: true });
    const callback = await signInWithProvider(accountId, "//evil.example/steal");
    expect(callback.headers.get("location")).toBe(`${CONSOLE}/`);
  });

  it("turns password sign-in off when configured so", async () => {
    env.PASSWORD_SIGN_IN = false;
    try {
      const refused = await call("POST", signInRoute.POST, {
        as: "anonymous",
        body: { email: "x@example.com", password: "whatever it is" },
      });
      expect(refused.status).toBe(403);
      expect((await call("GET", configRoute.GET, { as: "anonymous" })).body).toMatchObject({ passwordSignIn: false, oidc: true });
    } finally {
      env.PASSWORD_SIGN_IN = true;
    }
  });
});
