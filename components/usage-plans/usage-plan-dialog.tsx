"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";

import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { useApisQuery } from "@/components/apis/hooks/use-apis-query";
import type { FieldErrors } from "@/components/lib/api-client";
import { useSaveUsagePlanMutation, useStagesQuery } from "@/components/usage-plans/hooks/use-usage-plans-query";
import {
  emptyPlanForm,
  formToBody,
  planToForm,
  type MethodThrottleRow,
  type PlanFormState,
  type StageRow,
} from "@/components/usage-plans/plan-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import type { UsagePlanDto } from "@/lib/schemas/usage-plan";

const PERIODS = [
  { value: "DAY", label: "per day" },
  { value: "WEEK", label: "per week" },
  { value: "MONTH", label: "per month" },
];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"].map((m) => ({ value: m, label: m }));

/** Create (plan = null) or edit a usage plan. */
export function UsagePlanDialog({ open, plan, onClose }: { open: boolean; plan: UsagePlanDto | null; onClose: () => void }) {
  return open ? <PlanForm key={plan?.id ?? "new"} plan={plan} onClose={onClose} /> : null;
}

function PlanForm({ plan, onClose }: { plan: UsagePlanDto | null; onClose: () => void }) {
  const toast = useToast();
  const mutation = useSaveUsagePlanMutation();
  const [form, setForm] = useState<PlanFormState>(() => (plan ? planToForm(plan) : emptyPlanForm()));
  const { errors, formError, reset, fail } = useFormErrors();
  const set = (patch: Partial<PlanFormState>) => setForm((current) => ({ ...current, ...patch }));
  const setStage = (index: number, patch: Partial<StageRow>) =>
    set({ stages: form.stages.map((stage, i) => (i === index ? { ...stage, ...patch } : stage)) });

  async function submit() {
    reset();
    const body = formToBody(form);
    try {
      const result = await mutation.mutateAsync(
        plan === null
          ? { usagePlanId: null, input: { ...body, throttle: body.throttle ?? undefined, quota: body.quota ?? undefined } }
          : { usagePlanId: plan.id, input: body },
      );
      toast({ title: plan === null ? "Usage plan created" : "Usage plan saved", description: describeNodeOutcomes(result.nodes) });
      onClose();
    } catch (error) {
      fail(error, { fallback: "Could not save the plan." });
    }
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      size="lg"
      title={plan === null ? "Create usage plan" : `Edit “${plan.name}”`}
      description="Throttle and quota apply to each API key in the plan, on every stage the plan covers."
      submitLabel={plan === null ? "Create plan" : "Save plan"}
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
      className="max-h-[65vh] gap-5 overflow-y-auto pr-1"
    >
      <Field label="Name" error={errors.name}>
        <Input
          value={form.name}
          onChange={(event) => set({ name: event.target.value })}
          placeholder="Free tier"
          autoComplete="off"
          autoFocus
        />
      </Field>
      <Field label="Description" aside="Optional" error={errors.description}>
        <Textarea value={form.description} onChange={(event) => set({ description: event.target.value })} rows={2} />
      </Field>

      <fieldset className="flex flex-col gap-3">
        <label className="flex items-center gap-2 text-[13px] font-medium text-zinc-800">
          <input type="checkbox" checked={form.throttleOn} onChange={(event) => set({ throttleOn: event.target.checked })} />
          Throttle requests
        </label>
        {form.throttleOn ? (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Rate (requests per second)" error={errors["throttle.rateLimit"]}>
              <Input inputMode="decimal" value={form.rateLimit} onChange={(event) => set({ rateLimit: event.target.value })} />
            </Field>
            <Field label="Burst (requests at once)" error={errors["throttle.burstLimit"]}>
              <Input inputMode="numeric" value={form.burstLimit} onChange={(event) => set({ burstLimit: event.target.value })} />
            </Field>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <label className="flex items-center gap-2 text-[13px] font-medium text-zinc-800">
          <input type="checkbox" checked={form.quotaOn} onChange={(event) => set({ quotaOn: event.target.checked })} />
          Limit requests with a quota
        </label>
        {form.quotaOn ? (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Quota (requests)" error={errors["quota.limit"]}>
              <Input inputMode="numeric" value={form.quotaLimit} onChange={(event) => set({ quotaLimit: event.target.value })} />
            </Field>
            <Field label="Period" hint="Calendar periods in UTC; weeks start on Monday.">
              <Select
                options={PERIODS}
                value={form.quotaPeriod}
                onChange={(event) => set({ quotaPeriod: event.target.value as PlanFormState["quotaPeriod"] })}
              />
            </Field>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-[13px] font-medium text-zinc-800">API stages</legend>
        <p className="text-xs text-zinc-500">Stages appear once an API is deployed to them.</p>
        {form.stages.map((stage, index) => (
          <StageEditor
            key={index}
            index={index}
            stage={stage}
            errors={errors}
            onChange={(patch) => setStage(index, patch)}
            onRemove={() => set({ stages: form.stages.filter((_, i) => i !== index) })}
          />
        ))}
        {errors.apiStages ? <p className="text-xs font-medium text-red-600">{errors.apiStages}</p> : null}
        <div>
          <Button
            size="sm"
            icon={<Plus aria-hidden className="size-3.5" />}
            onClick={() => set({ stages: [...form.stages, { apiId: "", stage: "", methodThrottles: [] }] })}
          >
            Add API stage
          </Button>
        </div>
      </fieldset>
    </FormDialog>
  );
}

function StageEditor({
  index,
  stage,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  stage: StageRow;
  errors: FieldErrors;
  onChange: (patch: Partial<StageRow>) => void;
  onRemove: () => void;
}) {
  const apis = useApisQuery("");
  const stages = useStagesQuery(stage.apiId === "" ? null : stage.apiId);
  const apiOptions = [
    { value: "", label: "Choose an API…" },
    ...(apis.data?.pages.flatMap((page) => page.items) ?? []).map((api) => ({ value: api.id, label: `${api.name} (${api.id})` })),
  ];
  const stageOptions = [
    { value: "", label: stages.data?.length === 0 ? "Not deployed yet" : "Choose a stage…" },
    ...(stages.data ?? []).map((s) => ({ value: s.name, label: s.name })),
  ];
  // A stage saved earlier stays selectable while the list loads.
  if (stage.apiId !== "" && stage.stage !== "" && !stageOptions.some((option) => option.value === stage.stage)) {
    stageOptions.push({ value: stage.stage, label: stage.stage });
  }
  if (stage.apiId !== "" && !apiOptions.some((option) => option.value === stage.apiId)) {
    apiOptions.push({ value: stage.apiId, label: stage.apiId });
  }
  const setThrottle = (i: number, patch: Partial<MethodThrottleRow>) =>
    onChange({ methodThrottles: stage.methodThrottles.map((row, j) => (j === i ? { ...row, ...patch } : row)) });

  return (
    <div className="flex flex-col gap-2 rounded-lg p-3 ring-1 ring-zinc-200 ring-inset" data-testid={`plan-stage-${index}`}>
      <div className="flex items-end gap-2">
        <Field label="API" className="flex-1" error={errors[`apiStages.${index}`]}>
          <Select options={apiOptions} value={stage.apiId} onChange={(event) => onChange({ apiId: event.target.value, stage: "" })} />
        </Field>
        <Field label="Stage" className="w-40">
          <Select options={stageOptions} value={stage.stage} onChange={(event) => onChange({ stage: event.target.value })} />
        </Field>
        <Button size="sm" variant="ghost" aria-label={`Remove API stage ${index + 1}`} onClick={onRemove} className="mb-1">
          <Trash2 aria-hidden className="size-3.5" />
        </Button>
      </div>
      {stage.methodThrottles.length > 0 ? (
        <table className="w-full text-[13px]">
          <caption className="pb-1 text-left text-xs font-medium text-zinc-500">
            Per-method throttles (override the plan&apos;s throttle)
          </caption>
          <thead>
            <tr className="text-left text-xs text-zinc-500">
              <th className="font-medium">Resource path</th>
              <th className="font-medium">Method</th>
              <th className="font-medium">Rate/s</th>
              <th className="font-medium">Burst</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stage.methodThrottles.map((row, i) => (
              <tr key={i}>
                <td className="pr-2 pb-1">
                  <Input
                    aria-label="Resource path"
                    value={row.path}
                    onChange={(event) => setThrottle(i, { path: event.target.value })}
                    placeholder="/pets/{petId}"
                  />
                </td>
                <td className="pr-2 pb-1">
                  <Select
                    aria-label="Method"
                    options={METHODS}
                    value={row.method}
                    onChange={(event) => setThrottle(i, { method: event.target.value as MethodThrottleRow["method"] })}
                  />
                </td>
                <td className="w-20 pr-2 pb-1">
                  <Input
                    aria-label="Rate per second"
                    value={row.rateLimit}
                    onChange={(event) => setThrottle(i, { rateLimit: event.target.value })}
                  />
                </td>
                <td className="w-20 pr-2 pb-1">
                  <Input
                    aria-label="Burst"
                    value={row.burstLimit}
                    onChange={(event) => setThrottle(i, { burstLimit: event.target.value })}
                  />
                </td>
                <td className="pb-1">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label="Remove method throttle"
                    onClick={() => onChange({ methodThrottles: stage.methodThrottles.filter((_, j) => j !== i) })}
                  >
                    <Trash2 aria-hidden className="size-3.5" />
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {errors[`apiStages.${index}.methodThrottles`] ? (
        <p className="text-xs font-medium text-red-600">{errors[`apiStages.${index}.methodThrottles`]}</p>
      ) : null}
      <div>
        <Button
          size="sm"
          variant="ghost"
          icon={<Plus aria-hidden className="size-3.5" />}
          onClick={() =>
            onChange({ methodThrottles: [...stage.methodThrottles, { path: "/", method: "GET", rateLimit: "1", burstLimit: "1" }] })
          }
        >
          Add method throttle
        </Button>
      </div>
    </div>
  );
}
