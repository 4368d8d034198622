"use client";

import { useState } from "react";

import { describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import type { NodePushResultDto } from "@/lib/schemas/deployment";
import type { StageDto } from "@/lib/schemas/stage";

import { DiffView } from "./diff-view";
import { useDiffQuery } from "./hooks/use-stages-query";
import { NodeResults, resultsToRows } from "./node-results";

export type StageAction =
  | { kind: "promote"; from: StageDto; to: string; toDeploymentId: string | null }
  | { kind: "rollback"; stage: StageDto; deploymentId: string };

/**
 * Confirms a promotion or rollback, showing what the target stage would
 * change (and whether anything loosens security) before anything moves.
 */
export function StageActionDialog({
  apiId,
  action,
  onClose,
  run,
}: {
  apiId: string;
  action: StageAction | null;
  onClose: () => void;
  run: (action: StageAction) => Promise<NodePushResultDto[]>;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<NodePushResultDto[] | null>(null);
  const live = action === null ? null : action.kind === "promote" ? action.toDeploymentId : action.stage.deploymentId;
  const next = action === null ? null : action.kind === "promote" ? action.from.deploymentId : action.deploymentId;
  const diff = useDiffQuery(apiId, live, next);

  function close() {
    if (pending) return;
    setError(null);
    setResults(null);
    onClose();
  }

  async function confirm() {
    if (action === null) return;
    setPending(true);
    setError(null);
    try {
      setResults(await run(action));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  }

  const title =
    action === null ? "" : action.kind === "promote" ? `Promote ${action.from.name} to ${action.to}` : `Roll back ${action.stage.name}`;
  return (
    <Dialog
      open={action !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      dismissible={!pending}
      title={title}
      description={
        action === null
          ? undefined
          : action.kind === "promote"
            ? `${action.to} will serve deployment ${action.from.deploymentId}, the one ${action.from.name} serves now.`
            : `${action.stage.name} will serve deployment ${action.deploymentId} again.`
      }
      footer={
        results !== null ? (
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" loading={pending} onClick={() => void confirm()}>
              {action?.kind === "rollback" ? "Roll back" : `Promote to ${action?.kind === "promote" ? action.to : ""}`}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-3">
        {results !== null ? (
          <>
            <p role="status" className="text-[13px] text-zinc-700">
              Done.{" "}
              {results.every((node) => node.status === "applied")
                ? "Every node acknowledged."
                : "Some nodes did not acknowledge; see below."}
            </p>
            <NodeResults rows={resultsToRows(results)} />
          </>
        ) : live === null ? (
          <p className="text-[13px] text-zinc-500">The stage does not exist yet; it will be created.</p>
        ) : live === next ? (
          <p className="text-[13px] text-zinc-500">Both already serve the same deployment; the push makes sure every node has it.</p>
        ) : diff.isPending ? (
          <p className="text-[13px] text-zinc-500">Comparing…</p>
        ) : diff.isError ? (
          <FormAlert message={describeError(diff.error)} />
        ) : diff.data ? (
          <DiffView diff={diff.data} />
        ) : null}
        <FormAlert message={error} />
      </div>
    </Dialog>
  );
}
