"use client";

import { useState } from "react";

import { useRotateApiKeyMutation } from "@/components/api-keys/hooks/use-api-keys-query";
import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { RevealedKeyDialog } from "@/components/api-keys/revealed-key";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Select } from "@/components/ui/select";
import type { ApiKeyDto } from "@/lib/schemas/api-key";

const GRACE_OPTIONS = [
  { value: "0", label: "None: the old key stops now" },
  { value: "3600", label: "1 hour" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days" },
  { value: "2592000", label: "30 days" },
];

export function RotateKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyDto | null; onClose: () => void }) {
  const mutation = useRotateApiKeyMutation();
  const [grace, setGrace] = useState("86400");
  const { formError, reset, fail } = useFormErrors();
  const [issued, setIssued] = useState<{ value: string; name: string; propagation: string; oldUntil: string | null } | null>(null);

  function close() {
    setGrace("86400");
    reset();
    setIssued(null);
    onClose();
  }

  async function rotate() {
    if (!apiKey) return;
    reset();
    try {
      const result = await mutation.mutateAsync({ apiKeyId: apiKey.id, gracePeriodSeconds: Number(grace) });
      setIssued({
        value: result.apiKey.value,
        name: result.apiKey.name,
        propagation: describeNodeOutcomes(result.nodes),
        oldUntil: result.previous.expiresAt,
      });
    } catch (error) {
      fail(error, { fallback: "Could not rotate the key." });
    }
  }

  if (issued) {
    return (
      <RevealedKeyDialog
        open={apiKey !== null}
        title={`New key for “${issued.name}”`}
        description={`${issued.propagation} The old key works until ${issued.oldUntil ? new Date(issued.oldUntil).toLocaleString() : "now"}.`}
        value={issued.value}
        name={issued.name}
        onClose={close}
      />
    );
  }

  return (
    <FormDialog
      open={apiKey !== null}
      onClose={close}
      title={`Rotate “${apiKey?.name ?? ""}”`}
      description="A new key with the same plans works at once. The old key keeps working for the grace period, so the consumer can switch without downtime."
      submitLabel="Rotate key"
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void rotate()}
    >
      <Field label="Grace period for the old key">
        <Select options={GRACE_OPTIONS} value={grace} onChange={(event) => setGrace(event.target.value)} />
      </Field>
    </FormDialog>
  );
}
