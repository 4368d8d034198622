import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { ApiError, badRequest } from "@/lib/errors/api-error";
import { displayPrefixOf, hashApiKeyValue } from "@/lib/keys/api-key-format";
import { KeysCsvError, parseApiKeysCsv, type CsvKeyRow } from "@/lib/keys/parse-api-keys-csv";
import type { ImportLine } from "@/lib/schemas/api-key";
import { recordEvents, type RecordEventOptions } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

export type ImportApiKeysOptions = { csv: string; failOnWarnings: boolean; actor: Actor };
export type ImportApiKeysOutcome = { imported: number; rejected: number; lines: ImportLine[] };

type PlanInfo = { id: string; name: string; stages: string[] };

/** The database's part of checking a line: plans exist, no two cover one stage, key not already issued. */
function checkAgainstDatabase(row: CsvKeyRow, plans: Map<string, PlanInfo>, existingHashes: Set<string>): string | null {
  const unknown = row.usagePlanIds.filter((id) => !plans.has(id));
  if (unknown.length > 0) return `usage plan ${unknown.map((id) => `'${id}'`).join(", ")} does not exist`;
  const owner = new Map<string, string>();
  for (const id of row.usagePlanIds) {
    const plan = plans.get(id);
    for (const stage of plan?.stages ?? []) {
      const other = owner.get(stage);
      if (other !== undefined)
        return `usage plans '${other}' and '${plan?.name}' both cover ${stage}; a key may be in one plan per API stage`;
      owner.set(stage, plan?.name ?? id);
    }
  }
  if (existingHashes.has(hashApiKeyValue(row.key))) return "this key is already issued";
  return null;
}

async function loadPlans(rows: CsvKeyRow[], tx: Tx): Promise<Map<string, PlanInfo>> {
  const ids = [...new Set(rows.flatMap((row) => row.usagePlanIds))];
  if (ids.length === 0) return new Map();
  const plans = await tx.usagePlan.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, stages: { select: { stage: { select: { apiId: true, name: true } } } } },
  });
  return new Map(
    plans.map((plan) => [
      plan.id,
      { id: plan.id, name: plan.name, stages: plan.stages.map(({ stage }) => `${stage.apiId}/${stage.name}`) },
    ]),
  );
}

async function loadExistingHashes(rows: CsvKeyRow[], tx: Tx): Promise<Set<string>> {
  const hashes = rows.map((row) => hashApiKeyValue(row.key));
  const found = await tx.apiKey.findMany({ where: { keyHash: { in: hashes } }, select: { keyHash: true } });
  return new Set(found.map((key) => key.keyHash));
}

/**
 * Imports keys from a CSV file in API Gateway's ImportApiKeys format. Every
 * line is reported by number. With failOnWarnings, one rejected line imports
 * nothing (422 listing the lines); without it, the good lines are imported.
 * The keys' plaintext is hashed here and never stored or echoed.
 */
export async function importApiKeys({ csv, failOnWarnings, actor }: ImportApiKeysOptions, db: Db = prisma): Promise<ImportApiKeysOutcome> {
  let parsed;
  try {
    parsed = parseApiKeysCsv(csv);
  } catch (error) {
    if (error instanceof KeysCsvError) throw badRequest(error.message, [{ path: "", message: error.message }]);
    throw error;
  }

  return inTransaction(db, async (tx) => {
    const plans = await loadPlans(parsed.rows, tx);
    const existing = await loadExistingHashes(parsed.rows, tx);
    const lines: ImportLine[] = parsed.problems.map((problem) => ({ line: problem.line, status: "rejected", message: problem.message }));
    const accepted: CsvKeyRow[] = [];
    for (const row of parsed.rows) {
      const problem = checkAgainstDatabase(row, plans, existing);
      if (problem === null) accepted.push(row);
      else lines.push({ line: row.line, status: "rejected", message: problem });
    }
    lines.sort((a, b) => a.line - b.line);
    const rejected = lines.length;

    if (rejected > 0 && failOnWarnings) {
      throw new ApiError(
        "validation_failed",
        `Nothing was imported: ${rejected} line${rejected === 1 ? " was" : "s were"} rejected. Fix ${rejected === 1 ? "it" : "them"} and import again, or import with failOnWarnings=false to keep the good lines.`,
        lines.map((line) => ({ path: `line ${line.line}`, message: line.message ?? "rejected" })),
      );
    }

    const created = await tx.apiKey.createManyAndReturn({
      data: accepted.map((row) => ({
        name: row.name,
        description: row.description,
        enabled: row.enabled,
        keyHash: hashApiKeyValue(row.key),
        displayPrefix: displayPrefixOf(row.key),
      })),
      select: { id: true, keyHash: true, displayPrefix: true, name: true },
    });
    const byHash = new Map(created.map((key) => [key.keyHash, key]));
    const links: { apiKeyId: string; usagePlanId: string }[] = [];
    const events: RecordEventOptions[] = [];
    for (const row of accepted) {
      const key = byHash.get(hashApiKeyValue(row.key));
      if (key === undefined) continue;
      for (const usagePlanId of row.usagePlanIds) links.push({ apiKeyId: key.id, usagePlanId });
      lines.push({ line: row.line, status: "imported", apiKeyId: key.id, displayPrefix: key.displayPrefix });
      events.push({
        actor,
        action: "apikey.import",
        targetType: "apiKey",
        targetId: key.id,
        apiId: null,
        details: { name: key.name, displayPrefix: key.displayPrefix, line: row.line, usagePlanIds: row.usagePlanIds },
      });
    }
    if (links.length > 0) await tx.apiKeyUsagePlan.createMany({ data: links });
    await recordEvents(events, tx);
    lines.sort((a, b) => a.line - b.line);
    return { imported: created.length, rejected, lines };
  });
}
