import "server-only";

import { conflict } from "@/lib/errors/api-error";
import type { Tx } from "@/lib/server/db";

import { apiKeyNotFound } from "./get-api-key";

type LockedKey = { id: string; name: string; displayPrefix: string; revokedAt: Date | null; expiresAt: Date | null };

/**
 * Locks a key's row for the rest of the transaction, so that concurrent
 * revoke, rotate and edits of one key apply one after the other.
 */
export async function lockApiKeyOrThrow(apiKeyId: string, tx: Tx): Promise<LockedKey> {
  const rows = await tx.$queryRaw<LockedKey[]>`
    SELECT id, name, "displayPrefix", "revokedAt", "expiresAt" FROM "ApiKey" WHERE id = ${apiKeyId} FOR UPDATE`;
  const key = rows[0];
  if (key === undefined) throw apiKeyNotFound(apiKeyId);
  return key;
}

/** Revoked keys are kept for the audit trail but can no longer change. */
export function assertNotRevoked(key: LockedKey, doing: string): void {
  if (key.revokedAt !== null) {
    throw conflict(
      `API key '${key.name}' (${key.displayPrefix}…) was revoked at ${key.revokedAt.toISOString()}; it cannot be ${doing}. Issue a new key instead.`,
    );
  }
}
