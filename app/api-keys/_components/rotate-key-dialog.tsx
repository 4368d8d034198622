"use client";

import { useState } from "react";

import { useRotateApiKeyMutation } from "@/components/api-keys/hooks/use-api-keys-query";
import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { RevealedKey } from "@/components/api-keys/revealed-key";
import { describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
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
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ value: string; name: string; propagation: string; oldUntil: string | null } | null>(null);

  function close() {
    if (mutation.isPending) return;
    setGrace("86400");
    setError(null);
    setIssued(null);
    onClose();
  }

  async function rotate() {
    if (!apiKey) return;
    setError(null);
    try {
      const result = await mutation.mutateAsync({ apiKeyId: apiKey.id, gracePeriodSeconds: Number(grace) });
      setIssued({
        value: result.apiKey.value,
        name: result.apiKey.name,
        propagation: describeNodeOutcomes(result.nodes),
        oldUntil: result.previous.expiresAt,
      });
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  if (issued) {
    return (
      <Dialog
        open={apiKey !== null}
        onOpenChange={close}
        title={`New key for “${issued.name}”`}
        description={`${issued.propagation} The old key works until ${issued.oldUntil ? new Date(issued.oldUntil).toLocaleString() : "now"}.`}
        footer={
          <Button variant="primary" onClick={close}>
            I have copied the key
          </Button>
        }
      >
        <RevealedKey value={issued.value} name={issued.name} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={apiKey !== null}
      onOpenChange={close}
      title={`Rotate “${apiKey?.name ?? ""}”`}
      description="A new key with the same plans works at once. The old key keeps working for the grace period, so the consumer can switch without downtime."
      dismissible={!mutation.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => void rotate()} loading={mutation.isPending}>
            Rotate key
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <Field label="Grace period for the old key">
          <Select options={GRACE_OPTIONS} value={grace} onChange={(event) => setGrace(event.target.value)} />
        </Field>
        <FormAlert message={error} />
      </div>
    </Dialog>
  );
}
