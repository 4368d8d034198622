"use client";

import { useState } from "react";

import { useIssueApiKeyMutation } from "@/components/api-keys/hooks/use-api-keys-query";
import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { PlanPicker } from "@/components/api-keys/plan-picker";
import { RevealedKey } from "@/components/api-keys/revealed-key";
import { ApiError, type FieldErrors } from "@/components/lib/api-client";
import { useUsagePlansQuery } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import type { IssuedApiKeyDto } from "@/lib/schemas/api-key";

export function IssueKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const plans = useUsagePlansQuery();
  const mutation = useIssueApiKeyMutation();
  const [name, setName] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [planIds, setPlanIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ key: IssuedApiKeyDto; propagation: string } | null>(null);

  function close(next: boolean) {
    if (mutation.isPending) return;
    if (!next) {
      setName("");
      setCustomerId("");
      setPlanIds([]);
      setErrors({});
      setFormError(null);
      setIssued(null);
    }
    onOpenChange(next);
  }

  async function submit() {
    setErrors({});
    setFormError(null);
    if (name.trim() === "") {
      setErrors({ name: "Give the key a name, e.g. the consumer's app" });
      return;
    }
    try {
      const result = await mutation.mutateAsync({
        name: name.trim(),
        customerId: customerId.trim() || undefined,
        usagePlanIds: planIds,
        enabled: true,
      });
      setIssued({ key: result.apiKey, propagation: describeNodeOutcomes(result.nodes) });
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) setErrors(error.fieldErrors);
      setFormError(error instanceof Error ? error.message : "Could not issue the key.");
    }
  }

  if (issued) {
    return (
      <Dialog
        open={open}
        onOpenChange={close}
        title={`API key “${issued.key.name}” issued`}
        description={issued.propagation}
        footer={
          <Button variant="primary" onClick={() => close(false)}>
            I have copied the key
          </Button>
        }
      >
        <RevealedKey value={issued.key.value} name={issued.key.name} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Issue API key"
      description="The key is shown once, right after you issue it."
      dismissible={!mutation.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={() => close(false)} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="issue-key-form" loading={mutation.isPending}>
            Issue key
          </Button>
        </>
      }
    >
      <form
        id="issue-key-form"
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Name" error={errors.name}>
          <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="Mobile app" autoComplete="off" autoFocus />
        </Field>
        <Field label="Customer id" aside="Optional" error={errors.customerId} hint="Your own reference for who holds the key.">
          <Input value={customerId} onChange={(event) => setCustomerId(event.target.value)} placeholder="cus_123" autoComplete="off" />
        </Field>
        <Field label="Usage plans" error={errors.usagePlanIds}>
          <PlanPicker plans={plans.data?.items ?? []} selected={planIds} onChange={setPlanIds} />
        </Field>
        <FormAlert message={formError} />
      </form>
    </Dialog>
  );
}
