"use client";

import { useState } from "react";

import { useIssueApiKeyMutation } from "@/components/api-keys/hooks/use-api-keys-query";
import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { PlanPicker } from "@/components/api-keys/plan-picker";
import { RevealedKeyDialog } from "@/components/api-keys/revealed-key";
import { useUsagePlansQuery } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import type { IssuedApiKeyDto } from "@/lib/schemas/api-key";

export function IssueKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const plans = useUsagePlansQuery();
  const mutation = useIssueApiKeyMutation();
  const [name, setName] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [planIds, setPlanIds] = useState<string[]>([]);
  const { errors, formError, reset, accept, fail } = useFormErrors();
  const [issued, setIssued] = useState<{ key: IssuedApiKeyDto; propagation: string } | null>(null);

  function close() {
    setName("");
    setCustomerId("");
    setPlanIds([]);
    reset();
    setIssued(null);
    onOpenChange(false);
  }

  async function submit() {
    if (!accept(name.trim() === "" ? { name: "Give the key a name, e.g. the consumer's app" } : {})) return;
    try {
      const result = await mutation.mutateAsync({
        name: name.trim(),
        customerId: customerId.trim() || undefined,
        usagePlanIds: planIds,
        enabled: true,
      });
      setIssued({ key: result.apiKey, propagation: describeNodeOutcomes(result.nodes) });
    } catch (error) {
      fail(error, { fallback: "Could not issue the key." });
    }
  }

  if (issued) {
    return (
      <RevealedKeyDialog
        open={open}
        title={`API key “${issued.key.name}” issued`}
        description={issued.propagation}
        value={issued.key.value}
        name={issued.key.name}
        onClose={close}
      />
    );
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Issue API key"
      description="The key is shown once, right after you issue it."
      submitLabel="Issue key"
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
    >
      <Field label="Name" error={errors.name}>
        <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="Mobile app" autoComplete="off" autoFocus />
      </Field>
      <Field label="Customer id" aside="Optional" error={errors.customerId} hint="Your own reference for who holds the key.">
        <Input value={customerId} onChange={(event) => setCustomerId(event.target.value)} placeholder="cus_123" autoComplete="off" />
      </Field>
      <Field label="Usage plans" error={errors.usagePlanIds}>
        <PlanPicker plans={plans.data ?? []} selected={planIds} onChange={setPlanIds} />
      </Field>
    </FormDialog>
  );
}
