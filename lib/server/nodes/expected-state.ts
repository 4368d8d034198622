import "server-only";

import type { Consumers, Snapshot } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import { compileConsumers } from "@/lib/deploy/compile-consumers";
import { prisma, type Db } from "@/lib/server/db";
import { stageSnapshot, stageWithDeployments } from "@/lib/server/stages/stage-row";

export type ExpectedState = { stages: Snapshot[]; consumers: Consumers };

/** Everything every gateway node should serve now: each stage's snapshot and the consumers document, hashes included. */
export async function loadExpectedState(db: Db = prisma): Promise<ExpectedState> {
  const [stages, consumers] = await Promise.all([
    db.stage.findMany({ include: stageWithDeployments, orderBy: [{ apiId: "asc" }, { name: "asc" }] }),
    compileConsumers(db),
  ]);
  return {
    stages: stages.map(stageSnapshot),
    consumers: { ...consumers, hash: consumers.hash ?? hashSnapshot(consumers) },
  };
}

/** One hash over the whole expected state: a node that pulled this state and sees the same value has nothing to fetch. */
export function stateHash(state: ExpectedState): string {
  return hashSnapshot({
    stages: state.stages.map((snapshot) => `${snapshot.apiId}/${snapshot.stage}=${snapshot.hash ?? ""}`),
    consumers: state.consumers.hash ?? "",
  });
}
