"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCreateApiMutation } from "@/components/apis/hooks/use-apis-query";
import { createApiFormSchema } from "@/components/apis/form-schemas";
import { validateFields } from "@/components/lib/zod-errors";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export function CreateApiDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const toast = useToast();
  const mutation = useCreateApiMutation();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const { errors, formError, reset, accept, fail } = useFormErrors();

  function close() {
    setName("");
    setDescription("");
    reset();
    onOpenChange(false);
  }

  async function submit() {
    const input = { name: name.trim(), description: description.trim() || undefined };
    if (!accept(validateFields(createApiFormSchema, input))) return;
    try {
      const api = await mutation.mutateAsync(input);
      toast({ title: "API created", description: api.name });
      close();
      router.push(`/apis/${api.id}`);
    } catch (error) {
      fail(error, { fallback: "Could not create the API." });
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Create API"
      description="Start with a name; you add resources and methods next."
      submitLabel="Create API"
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
    >
      <Field label="Name" error={errors.name}>
        <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="Pet Store" autoComplete="off" autoFocus />
      </Field>
      <Field label="Description" aside="Optional" error={errors.description}>
        <Textarea
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          placeholder="What this API is for, who calls it"
          rows={3}
        />
      </Field>
    </FormDialog>
  );
}
