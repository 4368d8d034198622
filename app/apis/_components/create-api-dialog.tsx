"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCreateApiMutation } from "@/components/apis/hooks/use-apis-query";
import { createApiFormSchema } from "@/components/apis/form-schemas";
import { ApiError, type FieldErrors } from "@/components/lib/api-client";
import { validateFields } from "@/components/lib/zod-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { FormAlert } from "@/components/ui/form-alert";
import { useToast } from "@/components/ui/toast";

export function CreateApiDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const toast = useToast();
  const mutation = useCreateApiMutation();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function close(next: boolean) {
    if (mutation.isPending) return;
    if (!next) {
      setName("");
      setDescription("");
      setErrors({});
      setFormError(null);
    }
    onOpenChange(next);
  }

  async function submit() {
    const input = { name: name.trim(), description: description.trim() || undefined };
    const clientErrors = validateFields(createApiFormSchema, input);
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0) return;
    try {
      const api = await mutation.mutateAsync(input);
      toast({ title: "API created", description: api.name });
      close(false);
      router.push(`/apis/${api.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) setErrors(error.fieldErrors);
      else setFormError(error instanceof Error ? error.message : "Could not create the API.");
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Create API"
      description="Start with a name; you add resources and methods next."
      dismissible={!mutation.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={() => close(false)} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="create-api-form" loading={mutation.isPending}>
            Create API
          </Button>
        </>
      }
    >
      <form
        id="create-api-form"
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Name" error={errors.name}>
          <Input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Pet Store"
            autoComplete="off"
            autoFocus
          />
        </Field>
        <Field label="Description" aside="Optional" error={errors.description}>
          <Textarea
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder="What this API is for, who calls it"
            rows={3}
          />
        </Field>
        <FormAlert message={formError} />
      </form>
    </Dialog>
  );
}
