"use client";

import { useState } from "react";

import { useCan } from "@/components/auth/use-can";
import { ApiError, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Textarea } from "@/components/ui/input";
import type { StageDto } from "@/lib/schemas/stage";

import { AccessLogSettingsSection, accessLogDraftOf, accessLogSettingsOf } from "./access-log-settings";
import { useUpdateStageMutation } from "./hooks/use-stages-query";

function toLines(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
}

function parseLines(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const index = trimmed.indexOf("=");
    if (index <= 0) variables[trimmed] = "";
    else variables[trimmed.slice(0, index).trim()] = trimmed.slice(index + 1).trim();
  }
  return variables;
}

/** Stage variables, default throttling and access logging; saving pushes the stage again without a new deployment. */
export function StageSettingsDialog({ apiId, stage, onClose }: { apiId: string; stage: StageDto | null; onClose: () => void }) {
  const [variables, setVariables] = useState(stage ? toLines(stage.variables) : "");
  const [rate, setRate] = useState(stage?.throttle ? String(stage.throttle.rateLimit) : "");
  const [burst, setBurst] = useState(stage?.throttle ? String(stage.throttle.burstLimit) : "");
  const [canaryPercent, setCanaryPercent] = useState(stage?.canary ? String(stage.canary.percent) : "");
  const [isProtected, setProtected] = useState(stage?.protected ?? false);
  const [accessLog, setAccessLog] = useState(accessLogDraftOf(stage?.accessLogSettings));
  const administer = useCan()("administer");
  const mutation = useUpdateStageMutation(apiId);
  const errors = mutation.error instanceof ApiError ? mutation.error.fieldErrors : {};

  async function save() {
    if (stage === null) return;
    const throttle = rate === "" && burst === "" ? null : { rateLimit: Number(rate), burstLimit: Number(burst) };
    try {
      await mutation.mutateAsync({
        stage: stage.name,
        input: {
          variables: parseLines(variables),
          throttle,
          accessLogSettings: accessLogSettingsOf(accessLog),
          ...(stage.canary && canaryPercent !== "" ? { canaryPercent: Number(canaryPercent) } : {}),
          // Sent only when changed: marking a stage protected is an admin's decision.
          ...(isProtected !== stage.protected ? { protected: isProtected } : {}),
        },
      });
      onClose();
    } catch {
      // Shown below.
    }
  }

  return (
    <Dialog
      open={stage !== null}
      onOpenChange={(open) => (open || mutation.isPending ? undefined : onClose())}
      title={`Settings of ${stage?.name ?? ""}`}
      description="Applied to every gateway node at once; no new deployment is needed."
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" loading={mutation.isPending} onClick={() => void save()}>
            Save and push
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <Field
          label="Stage variables"
          hint="One name=value per line; integrations use them as ${stageVariables.name}."
          error={errors.variables}
        >
          <Textarea value={variables} onChange={(event) => setVariables(event.target.value)} className="font-mono text-[12px]" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Rate (requests/s)" aside="optional" error={errors["throttle.rateLimit"]}>
            <Input type="number" min={0} value={rate} onChange={(event) => setRate(event.target.value)} />
          </Field>
          <Field label="Burst" aside="optional" error={errors["throttle.burstLimit"]}>
            <Input type="number" min={0} value={burst} onChange={(event) => setBurst(event.target.value)} />
          </Field>
        </div>
        {stage?.canary ? (
          <Field label="Canary traffic (%)" error={errors.canaryPercent}>
            <Input type="number" min={0} max={100} value={canaryPercent} onChange={(event) => setCanaryPercent(event.target.value)} />
          </Field>
        ) : null}
        <AccessLogSettingsSection draft={accessLog} onChange={setAccessLog} error={errors["accessLogSettings.format"]} />
        <label className="flex items-start gap-2.5 text-sm" title={administer.reason}>
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-zinc-900"
            checked={isProtected}
            disabled={!administer.allowed}
            onChange={(event) => setProtected(event.target.checked)}
          />
          <span>
            <span className="font-medium text-zinc-900">Protected stage</span>
            <span className="block text-xs text-zinc-500">
              Only admins can deploy to, promote into, roll back or change a protected stage (e.g. prod).
              {administer.allowed ? "" : " Only admins can change this."}
            </span>
          </span>
        </label>
        {mutation.isError && Object.keys(errors).length === 0 ? <FormAlert message={describeError(mutation.error)} /> : null}
      </div>
    </Dialog>
  );
}
