import "server-only";

import type { Consumers, Snapshot } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import { prisma, type Db } from "@/lib/server/db";
import { loadConsumers } from "@/lib/server/deployments/load-consumers";
import { stageSnapshot, stageWithDeployments } from "@/lib/server/stages/stage-row";

export type ExpectedState = { stages: Snapshot[]; consumers: Consumers };

type StageRows = Awaited<ReturnType<typeof loadStageRows>>;

function loadStageRows(db: Db) {
  return db.stage.findMany({ include: stageWithDeployments, orderBy: [{ apiId: "asc" }, { name: "asc" }] });
}

/**
 * Each stage's snapshot. A stage whose stored deployment cannot be turned
 * into a valid snapshot (a damaged or hand-edited row) is left out and
 * logged: one bad record must not keep every node from converging on the
 * rest of the state.
 */
function stageSnapshots(stages: StageRows): Snapshot[] {
  const snapshots: Snapshot[] = [];
  for (const stage of stages) {
    try {
      snapshots.push(stageSnapshot(stage));
    } catch (error) {
      console.error(
        `Stage ${stage.apiId}/${stage.name} is left out of the gateway state: its deployment ${stage.deploymentId} does not compile to a valid snapshot.`,
        error instanceof Error ? error.message : error,
      );
    }
  }
  return snapshots;
}

/** Everything every gateway node should serve now: each stage's snapshot and the consumers document, hashes included. */
export async function loadExpectedState(db: Db = prisma): Promise<ExpectedState> {
  const [stages, consumers] = await Promise.all([loadStageRows(db), loadConsumers(db)]);
  return {
    stages: stageSnapshots(stages),
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
