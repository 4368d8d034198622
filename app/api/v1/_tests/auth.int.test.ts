import { describe, expect, it } from "vitest";

import { hashPassword } from "@/lib/server/auth/passwords";
import { completeSetup, issueSetupCode } from "@/lib/server/auth/first-run";
import { prisma } from "@/lib/server/db";
import { createTestPrincipal } from "@/test/support/principals";

import * as meRoute from "../auth/me/route";
import * as passwordRoute from "../auth/password/route";
import * as signInRoute from "../auth/sign-in/route";
import * as signOutRoute from "../auth/sign-out/route";
import * as acceptRoute from "../invitations/accept/route";
import * as tokensRoute from "../tokens/route";
import * as tokenRoute from "../tokens/[tokenId]/route";
import * as usersRoute from "../users/route";
import * as userRoute from "../users/[userId]/route";
import * as auditRoute from "../audit-events/route";
import { call, expectError } from "./call";
import { uniqueName } from "./fixtures";

const ORIGIN = { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" };
const PASSWORD = "a long enough password";

async function makeUser(role: "admin" | "developer" | "viewer", password = PASSWORD) {
  const email = `${uniqueName(role)}@Example.COM`;
  const user = await prisma.user.create({
    data: { email, emailKey: email.toLowerCase(), role, passwordHash: await hashPassword(password) },
  });
  return { ...user, password };
}

function cookieOf(setCookie: string | null): string {
  const match = /portico_session=([^;]+)/.exec(setCookie ?? "");
  if (!match) throw new Error(`no session cookie in ${setCookie}`);
  return `portico_session=${match[1]}`;
}

async function signIn(email: string, password: string, ip = "198.51.100.7") {
  return call("POST", signInRoute.POST, { as: "anonymous", body: { email, password }, headers: { "x-forwarded-for": ip } });
}

async function me(cookie: string) {
  return call("GET", meRoute.GET, { as: "anonymous", headers: { cookie } });
}

describe("password sign-in and sessions", () => {
  it("signs in with the email in any case, sets an HttpOnly SameSite=Lax cookie, and /auth/me knows the user", async () => {
    const user = await makeUser("developer");
    const result = await signIn(user.email.toUpperCase(), user.password);
    expect(result.status).toBe(200);
    const setCookie = result.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const answer = await me(cookieOf(setCookie));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user: { id: user.id, role: "developer" }, via: "session" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("marks the cookie Secure over https", async () => {
    const user = await makeUser("viewer");
    const result = await call("POST", signInRoute.POST, {
      as: "anonymous",
      body: { email: user.email, password: user.password },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(result.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("answers a wrong password and an unknown email with the same 401 message", async () => {
    const user = await makeUser("viewer");
    const wrong = expectError(await signIn(user.email, "not the password at all", "198.51.100.20"), 401, "unauthenticated");
    const unknown = expectError(
      await signIn(`nobody-${Date.now()}@example.com`, "whatever password", "198.51.100.21"),
      401,
      "unauthenticated",
    );
    expect(wrong.message).toBe(unknown.message);
  });

  it("slows an account down after 5 failures: 429 with Retry-After, even with the right password, from any address", async () => {
    const user = await makeUser("viewer");
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn(user.email, "wrong password here", `203.0.113.${attempt}`)).status).toBe(401);
    }
    const refused = await signIn(user.email, user.password, "203.0.113.99");
    expectError(refused, 429, "too_many_requests");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("slows a client address down after 5 failures across accounts", async () => {
    const ip = "192.0.2.55";
    for (let attempt = 0; attempt < 5; attempt += 1) await signIn(`guess-${attempt}-${Date.now()}@example.com`, "wrong password", ip);
    const user = await makeUser("viewer");
    expectError(await signIn(user.email, user.password, ip), 429);
    expect((await signIn(user.email, user.password, "192.0.2.56")).status).toBe(200);
  });

  it("a new session id at every sign-in; sign-out ends the session on the server", async () => {
    const user = await makeUser("viewer");
    const first = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    const second = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    expect(second).not.toBe(first);
    const out = await call("POST", signOutRoute.POST, { as: "anonymous", headers: { cookie: second, ...ORIGIN } });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await me(second)).status).toBe(401);
    expect((await me(first)).status).toBe(200);
  });

  it("ends sessions that were idle for 12 hours or are past their 7 days", async () => {
    const user = await makeUser("viewer");
    const idle = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    const old = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    const sessions = await prisma.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    await prisma.session.update({ where: { id: sessions[0].id }, data: { lastSeenAt: new Date(Date.now() - 12 * 3_600_000 - 1000) } });
    await prisma.session.update({ where: { id: sessions[1].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(idle)).status).toBe(401);
    expect((await me(old)).status).toBe(401);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("changing one's password needs the current one and ends the other sessions", async () => {
    const user = await makeUser("viewer");
    const here = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    const elsewhere = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    expectError(
      await call("POST", passwordRoute.POST, {
        as: "anonymous",
        headers: { cookie: here, ...ORIGIN },
        body: { currentPassword: "wrong", newPassword: "the new long password" },
      }),
      422,
    );
    expectError(
      await call("POST", passwordRoute.POST, {
        as: "anonymous",
        headers: { cookie: here, ...ORIGIN },
        body: { currentPassword: user.password, newPassword: "short" },
      }),
      422,
    );
    const changed = await call("POST", passwordRoute.POST, {
      as: "anonymous",
      headers: { cookie: here, ...ORIGIN },
      body: { currentPassword: user.password, newPassword: "the new long password" },
    });
    expect(changed.status).toBe(204);
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await signIn(user.email, "the new long password")).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("a token made by a user works as a bearer, shows its prefix, records its last use, and dies when revoked", async () => {
    const developer = await createTestPrincipal("developer", "tokens");
    const made = await call("POST", tokensRoute.POST, { headers: { authorization: `Bearer ${developer.token}` }, body: { name: "ci" } });
    expect(made.status).toBe(201);
    const { token } = made.body as { token: { id: string; value: string; prefix: string; role: string; expiresAt: string } };
    expect(token.value).toMatch(/^pct_[0-9A-Za-z]{36}$/);
    expect(token.value.startsWith(token.prefix)).toBe(true);
    expect(token.role).toBe("developer");
    expect(new Date(token.expiresAt).getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    const bearer = { authorization: `Bearer ${token.value}` };
    expect((await me("")).status).toBe(401);
    const answer = await call("GET", meRoute.GET, { headers: bearer });
    expect(answer.body).toMatchObject({ via: "token", user: { id: developer.userId } });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.hash).not.toContain(token.value);
    expect(row.lastUsedAt).not.toBeNull();
    const listed = await call("GET", tokensRoute.GET, { headers: bearer });
    expect(JSON.stringify(listed.body)).not.toContain(token.value);
    expect((await call("DELETE", tokenRoute.DELETE, { headers: bearer, params: { tokenId: token.id } })).status).toBe(204);
    expectError(await call("GET", meRoute.GET, { headers: bearer }), 401, "unauthenticated");
  });

  it("refuses a token role above the user's own, and caps a token when its user is demoted", async () => {
    const viewer = await createTestPrincipal("viewer", "cap");
    expectError(
      await call("POST", tokensRoute.POST, { headers: { authorization: `Bearer ${viewer.token}` }, body: { name: "x", role: "admin" } }),
      403,
      "forbidden",
    );
    const developer = await createTestPrincipal("developer", "demoted");
    await prisma.user.update({ where: { id: developer.userId }, data: { role: "viewer" } });
    const answer = await call("GET", meRoute.GET, { headers: { authorization: `Bearer ${developer.token}` } });
    expect(answer.body).toMatchObject({ user: { role: "viewer" } });
  });

  it("an expired token, an unknown one and a mistyped one answer 401", async () => {
    const principal = await createTestPrincipal("developer", "expired");
    await prisma.apiToken.update({ where: { id: principal.tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const value of [principal.token, `pct_${"a".repeat(36)}`, "ptk_notatoken"]) {
      expect((await call("GET", meRoute.GET, { headers: { authorization: `Bearer ${value}` } })).status).toBe(401);
    }
  });
});

describe("users", () => {
  it("an invited user accepts with the one-time link, signs in, and the link is dead afterwards", async () => {
    const email = `${uniqueName("invitee")}@example.com`;
    const invited = await call("POST", usersRoute.POST, { body: { email, role: "developer" } });
    expect(invited.status).toBe(201);
    const { invitationUrl, user } = invited.body as { invitationUrl: string; user: { id: string; invitationPending: boolean } };
    expect(user.invitationPending).toBe(true);
    expect((await signIn(email, "any password at all")).status).toBe(401);
    const code = new URL(invitationUrl).searchParams.get("code") ?? "";
    const accepted = await call("POST", acceptRoute.POST, { as: "anonymous", body: { code, password: PASSWORD, name: "Ines" } });
    expect(accepted.status).toBe(200);
    expect((await me(cookieOf(accepted.headers.get("set-cookie")))).body).toMatchObject({
      user: { email, role: "developer", name: "Ines" },
    });
    expectError(await call("POST", acceptRoute.POST, { as: "anonymous", body: { code, password: PASSWORD } }), 404);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("refuses an expired invitation", async () => {
    const email = `${uniqueName("late")}@example.com`;
    const { invitationUrl, user } = (await call("POST", usersRoute.POST, { body: { email, role: "viewer" } })).body as {
      invitationUrl: string;
      user: { id: string };
    };
    await prisma.user.update({ where: { id: user.id }, data: { invitationExpiresAt: new Date(Date.now() - 1000) } });
    const code = new URL(invitationUrl).searchParams.get("code") ?? "";
    expectError(await call("POST", acceptRoute.POST, { as: "anonymous", body: { code, password: PASSWORD } }), 404);
  });

  it("refuses a second user with the same email in another case with 409", async () => {
    const user = await makeUser("viewer");
    expectError(await call("POST", usersRoute.POST, { body: { email: user.email.toLowerCase(), role: "viewer" } }), 409);
  });

  it("disabling a user or changing their role ends their sessions at once; a disabled user's tokens stop working", async () => {
    const user = await makeUser("developer");
    const principal = await createTestPrincipal("developer", "disabled");
    const cookie = cookieOf((await signIn(user.email, user.password)).headers.get("set-cookie"));
    expect((await call("PATCH", userRoute.PATCH, { params: { userId: user.id }, body: { role: "viewer" } })).status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
    await call("PATCH", userRoute.PATCH, { params: { userId: principal.userId }, body: { disabled: true } });
    expect((await call("GET", meRoute.GET, { headers: { authorization: `Bearer ${principal.token}` } })).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it("the last admin can be neither demoted, disabled nor deleted", async () => {
    await prisma
      .$transaction(async (tx) => {
        const others = await tx.user.findMany({ where: { role: "admin" } });
        await tx.user.updateMany({ where: { role: "admin" }, data: { role: "developer" } });
        const last = await tx.user.create({ data: { email: "last-admin@example.com", emailKey: "last-admin@example.com", role: "admin" } });
        const { updateUser, deleteUser } = await import("@/lib/server/users/manage-users");
        const actor = {
          type: "user" as const,
          id: "someone",
          userId: "someone",
          name: "someone",
          role: "admin" as const,
          requestId: "",
          ip: "",
          userAgent: "",
        };
        await expect(updateUser({ userId: last.id, input: { role: "viewer" }, actor }, tx)).rejects.toMatchObject({ status: 409 });
        await expect(updateUser({ userId: last.id, input: { disabled: true }, actor }, tx)).rejects.toMatchObject({ status: 409 });
        await expect(deleteUser({ userId: last.id, actor }, tx)).rejects.toMatchObject({ status: 409 });
        expect(others.length).toBeGreaterThan(0);
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
  });
});

class RollBack extends Error {}

describe("first run", () => {
  it("the setup code creates the first admin once; then it is dead", async () => {
    await prisma
      .$transaction(
        async (tx) => {
          await tx.user.deleteMany({});
          const code = await issueSetupCode(tx);
          expect(code).toMatch(/^pcc_/);
          expect((await tx.setupCode.findUniqueOrThrow({ where: { id: 1 } })).codeHash).not.toContain(code ?? "");
          await expect(
            completeSetup({ input: { code: "pcc_wrong", email: "a@example.com", name: "", password: PASSWORD } }, tx),
          ).rejects.toMatchObject({ status: 404 });
          const admin = await completeSetup(
            { input: { code: code ?? "", email: "first@example.com", name: "First", password: PASSWORD } },
            tx,
          );
          expect(admin.role).toBe("admin");
          expect(await tx.setupCode.count()).toBe(0);
          await expect(
            completeSetup({ input: { code: code ?? "", email: "b@example.com", name: "", password: PASSWORD } }, tx),
          ).rejects.toMatchObject({ status: 403 });
          expect(await issueSetupCode(tx)).toBeNull();
          throw new RollBack();
        },
        { timeout: 30_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
  });
});

describe("GET /api/v1/audit-events", () => {
  it("lists events newest first with the actor, target and request, filters them, and pages with a cursor", async () => {
    const principal = await createTestPrincipal("developer", "auditor");
    const bearer = { authorization: `Bearer ${principal.token}`, "user-agent": "audit-reader/2" };
    const { POST } = await import("../apis/route");
    for (let i = 0; i < 3; i += 1) await call("POST", POST, { headers: bearer, body: { name: uniqueName("audited") } });
    const page1 = await call("GET", auditRoute.GET, { query: { actor: principal.tokenId, action: "api.create", limit: "2" } });
    const body1 = page1.body as {
      items: Array<{
        id: string;
        actor: { type: string; id: string };
        target: { type: string; name: string };
        userAgent: string;
        requestId: string;
      }>;
      nextCursor: string | null;
    };
    expect(body1.items).toHaveLength(2);
    expect(body1.items[0]).toMatchObject({
      actor: { type: "token", id: principal.tokenId },
      target: { type: "api" },
      userAgent: "audit-reader/2",
    });
    expect(body1.items[0].requestId).not.toBe("");
    expect(Number(body1.items[0].id)).toBeGreaterThan(Number(body1.items[1].id));
    const page2 = await call("GET", auditRoute.GET, {
      query: { actor: principal.tokenId, action: "api", limit: "2", cursor: body1.nextCursor ?? "" },
    });
    const body2 = page2.body as { items: Array<{ id: string }>; nextCursor: string | null };
    expect(body2.items).toHaveLength(1);
    expect(body2.nextCursor).toBeNull();
    expectError(await call("GET", auditRoute.GET, { query: { cursor: "garbage" } }), 422);
  });

  it("shows a non-admin only what they and their tokens did", async () => {
    const viewer = await createTestPrincipal("viewer", "own-events");
    const answer = await call("GET", auditRoute.GET, {
      as: "anonymous",
      headers: { authorization: `Bearer ${viewer.token}` },
      query: { limit: "200" },
    });
    const items = (answer.body as { items: Array<{ actor: { id: string } }> }).items;
    expect(items.every((item) => item.actor.id === viewer.userId || item.actor.id === viewer.tokenId)).toBe(true);
  });
});
