import "server-only";

import { forbidden } from "@/lib/errors/api-error";
import type { Actor } from "@/lib/schemas/audit";

/**
 * A protected stage (prod, typically) changes only by an admin's hand:
 * deploying to it, promoting into it, rolling it back, its variables,
 * throttle and canary. The role check of the route lets developers through;
 * this is the rule that depends on the stage.
 */
export function assertMayChangeStage(actor: Actor, stage: { name: string; protected: boolean } | null): void {
  if (stage?.protected && actor.role !== "admin") {
    throw forbidden(
      `The stage ${stage.name} is protected: only an admin may deploy to it or change it. Deploy to another stage, or ask an admin.`,
    );
  }
}

/** Marking a stage protected, or lifting it, is itself an admin's decision. */
export function assertMayChangeProtection(actor: Actor): void {
  if (actor.role !== "admin") throw forbidden("Only an admin may mark a stage protected or lift the protection");
}
