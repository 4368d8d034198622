import { randomBytes } from "node:crypto";

import { consoleTokenFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { Role } from "@/lib/schemas/auth";
import { prisma } from "@/lib/server/db";

// Users and API tokens for tests that call the console's API: one user per
// role and process, made straight in the database (the token routes have
// tests of their own), each with a token the tests send as a bearer.

export type TestPrincipal = { userId: string; email: string; role: Role; token: string; tokenId: string };

const made = new Map<Role, Promise<TestPrincipal>>();

export async function createTestPrincipal(role: Role, label: string = role): Promise<TestPrincipal> {
  const email = `${label}-${randomBytes(4).toString("hex")}@test.portico.dev`;
  const user = await prisma.user.create({ data: { email, emailKey: email, name: `Test ${label}`, role } });
  const token = consoleTokenFormat.generate();
  const row = await prisma.apiToken.create({
    data: {
      userId: user.id,
      name: `${label} tests`,
      role,
      prefix: token.slice(0, consoleTokenFormat.displayPrefixLength),
      hash: hashSecret(token),
    },
  });
  return { userId: user.id, email, role, token, tokenId: row.id };
}

/** The shared test user of a role (created on first use). */
export function testPrincipal(role: Role): Promise<TestPrincipal> {
  let principal = made.get(role);
  if (principal === undefined) {
    principal = createTestPrincipal(role);
    made.set(role, principal);
  }
  return principal;
}

export async function bearerHeaders(role: Role = "admin"): Promise<Record<string, string>> {
  return { authorization: `Bearer ${(await testPrincipal(role)).token}` };
}
