"use client";

import { useState } from "react";

import { useNodesQuery } from "@/components/nodes/hooks/use-nodes-query";
import { ApiError, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import type { StageDto } from "@/lib/schemas/stage";

import { useCreateDeploymentMutation, type DeployResult } from "./hooks/use-stages-query";
import { NodeResults, resultsToRows, type NodeRow } from "./node-results";

const NEW_STAGE = "__new__";
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Deploys the API's current definition to a stage (new or existing), or to
 * its canary. While the request runs every known node shows as pending; the
 * answer arrives once each node acknowledged or timed out.
 */
export function DeployDialog({
  apiId,
  stages,
  open,
  onOpenChange,
  initialStage,
}: {
  apiId: string;
  stages: StageDto[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initialStage?: string;
}) {
  const [selected, setSelected] = useState<string>(initialStage ?? stages[0]?.name ?? NEW_STAGE);
  const [newName, setNewName] = useState(stages.length === 0 ? "dev" : "");
  const [description, setDescription] = useState("");
  const [canary, setCanary] = useState(false);
  const [percent, setPercent] = useState("10");
  const [result, setResult] = useState<DeployResult | null>(null);
  const mutation = useCreateDeploymentMutation(apiId);
  const nodes = useNodesQuery({ probe: false });

  const stageName = selected === NEW_STAGE ? newName.trim() : selected;
  const nameError =
    selected === NEW_STAGE && newName !== "" && !STAGE_NAME.test(newName.trim())
      ? "Use letters, digits, '-' or '_' (e.g. dev, prod)"
      : undefined;
  const percentValue = Number(percent);
  const percentError = canary && !(percentValue >= 0 && percentValue <= 100) ? "Enter a share from 0 to 100" : undefined;
  const fieldErrors = mutation.error instanceof ApiError ? mutation.error.fieldErrors : {};

  function close(next: boolean) {
    if (mutation.isPending) return;
    if (!next) {
      setResult(null);
      mutation.reset();
    }
    onOpenChange(next);
  }

  async function submit() {
    if (!STAGE_NAME.test(stageName) || percentError) return;
    try {
      const answer = await mutation.mutateAsync({
        stageName,
        description: description.trim(),
        ...(canary ? { canary: { percent: percentValue } } : {}),
      });
      setResult(answer);
    } catch {
      // Shown from mutation.error.
    }
  }

  const pendingRows: NodeRow[] = (nodes.data ?? []).map((node) => ({ id: node.id, name: node.name, result: null }));
  const rows = result !== null ? resultsToRows(result.nodes) : mutation.isPending ? pendingRows : [];
  const failures = result?.nodes.filter((node) => node.status !== "applied") ?? [];
  const existing = stages.find((stage) => stage.name === stageName);

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      dismissible={!mutation.isPending}
      title="Deploy API"
      description="Snapshots the API as it is now and pushes it to every gateway node."
      size="md"
      footer={
        result !== null ? (
          <Button variant="primary" onClick={() => close(false)}>
            Done
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={() => close(false)} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button
              variant="primary"
              onClick={() => void submit()}
              loading={mutation.isPending}
              disabled={!STAGE_NAME.test(stageName) || Boolean(percentError)}
            >
              {canary ? "Deploy canary" : "Deploy"}
            </Button>
          </>
        )
      }
    >
      {result === null ? (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field label="Stage" error={fieldErrors.stageName}>
            <select
              aria-label="Stage"
              value={selected}
              onChange={(event) => setSelected(event.target.value)}
              disabled={mutation.isPending}
              className="h-9 w-full rounded-md bg-white px-3 text-sm ring-1 ring-zinc-200 ring-inset"
            >
              {stages.map((stage) => (
                <option key={stage.name} value={stage.name}>
                  {stage.name}
                </option>
              ))}
              <option value={NEW_STAGE}>New stage…</option>
            </select>
          </Field>
          {selected === NEW_STAGE ? (
            <Field label="New stage name" error={nameError}>
              <Input value={newName} onChange={(event) => setNewName(event.target.value)} placeholder="dev" disabled={mutation.isPending} />
            </Field>
          ) : null}
          <Field label="Description" aside="optional" error={fieldErrors.description}>
            <Input
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              placeholder="What changed"
              disabled={mutation.isPending}
            />
          </Field>
          {existing !== undefined ? (
            <label className="flex items-center gap-2 text-[13px] text-zinc-700">
              <input type="checkbox" checked={canary} onChange={(event) => setCanary(event.target.checked)} disabled={mutation.isPending} />
              Deploy as a canary of {existing.name}
            </label>
          ) : null}
          {canary ? (
            <Field label="Canary traffic (%)" error={percentError ?? fieldErrors["canary.percent"]}>
              <Input
                type="number"
                min={0}
                max={100}
                value={percent}
                onChange={(event) => setPercent(event.target.value)}
                disabled={mutation.isPending}
              />
            </Field>
          ) : null}
          {mutation.isError ? <FormAlert message={describeError(mutation.error)} /> : null}
          {mutation.isPending ? <NodeResults rows={rows} /> : null}
        </form>
      ) : (
        <div className="space-y-3">
          <p className="text-[13px] text-zinc-700" role="status">
            Deployed to <strong>{result.stage}</strong>
            {canary ? " (canary)" : ""} as <code className="font-mono text-[12px]">{result.deployment.id}</code>.{" "}
            {result.nodes.length === 0
              ? "No gateway node is known yet, so nothing serves it."
              : failures.length === 0
                ? "Every node acknowledged."
                : `${failures.length} of ${result.nodes.length} nodes did not acknowledge; they were retried and keep the reason below. They catch up when they reconnect or on the next push.`}
          </p>
          <NodeResults rows={rows} />
        </div>
      )}
    </Dialog>
  );
}
