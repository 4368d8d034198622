import "server-only";

import { cookies } from "next/headers";

import { PORTAL_SESSION_COOKIE_NAME } from "@/lib/keys/console-token-format";

import { resolveConsumerSession, type SessionConsumer } from "./consumer-sessions";

/** The consumer signed in to the portal in the browser that asked for this page, or null. */
export async function pageConsumer(): Promise<SessionConsumer | null> {
  const cookie = (await cookies()).get(PORTAL_SESSION_COOKIE_NAME)?.value;
  if (!cookie) return null;
  return (await resolveConsumerSession(cookie))?.consumer ?? null;
}
