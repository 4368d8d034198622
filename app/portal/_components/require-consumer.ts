import { redirect } from "next/navigation";

import { pageConsumer } from "@/lib/server/portal/page-consumer";
import type { SessionConsumer } from "@/lib/server/portal/consumer-sessions";

/** The signed-in consumer, or a redirect to the portal's sign-in that comes back to `path`. */
export async function requireConsumer(path: string): Promise<SessionConsumer> {
  const consumer = await pageConsumer();
  if (consumer === null) redirect(`/portal/sign-in?next=${encodeURIComponent(path)}`);
  return consumer;
}
