"use client";

import { useState } from "react";
import { createResourceFormSchema } from "@/components/apis/form-schemas";
import { useCreateResourceMutation } from "@/components/apis/hooks/use-resources-query";
import type { ResourceSummary } from "@/components/apis/types";
import { ApiError, type FieldErrors } from "@/components/lib/api-client";
import { validateFields } from "@/components/lib/zod-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { joinPath } from "@/lib/schemas/resource-path";

type Props = {
  apiId: string;
  parent: ResourceSummary | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (resource: ResourceSummary) => void;
};

export function CreateResourceDialog({ apiId, parent, open, onOpenChange, onCreated }: Props) {
  const mutation = useCreateResourceMutation(apiId);
  const toast = useToast();
  const [pathPart, setPathPart] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const parentPath = parent?.path ?? "/";

  function close(next: boolean) {
    if (mutation.isPending) return;
    if (!next) {
      setPathPart("");
      setErrors({});
      setFormError(null);
    }
    onOpenChange(next);
  }

  async function submit() {
    if (!parent) return;
    const value = pathPart.trim();
    const clientErrors = validateFields(createResourceFormSchema, { pathPart: value });
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0) return;
    try {
      const resource = await mutation.mutateAsync({ parentId: parent.id, pathPart: value });
      toast({ title: "Resource created", description: resource.path });
      close(false);
      onCreated(resource);
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        const fieldErrors = error.fieldErrors;
        setErrors({ pathPart: fieldErrors.pathPart ?? Object.values(fieldErrors)[0] });
      } else if (error instanceof ApiError && error.status === 409) {
        setErrors({ pathPart: error.message });
      } else {
        setFormError(error instanceof Error ? error.message : "Could not create the resource.");
      }
    }
  }

  const preview = pathPart.trim() ? joinPath(parentPath, pathPart.trim()) : null;

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Create resource"
      description={
        <>
          A child of <code className="font-mono text-zinc-700">{parentPath}</code>.
        </>
      }
      dismissible={!mutation.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={() => close(false)} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="create-resource-form" loading={mutation.isPending}>
            Create resource
          </Button>
        </>
      }
    >
      <form
        id="create-resource-form"
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field
          label="Path part"
          error={errors.pathPart}
          hint={
            <>
              One segment such as <code className="font-mono">pets</code>. Use <code className="font-mono">{"{petId}"}</code> for a path
              parameter, or <code className="font-mono">{"{proxy+}"}</code> to catch every path below.
            </>
          }
        >
          <Input
            value={pathPart}
            onChange={(event) => {
              setPathPart(event.target.value);
              // Once a message shows, it follows the typing, so it disappears as soon as the value is fixed.
              if (errors.pathPart) setErrors(validateFields(createResourceFormSchema, { pathPart: event.target.value.trim() }));
            }}
            onBlur={(event) => {
              if (event.target.value.trim()) setErrors(validateFields(createResourceFormSchema, { pathPart: event.target.value.trim() }));
            }}
            prefix={parentPath === "/" ? "/" : `${parentPath}/`}
            placeholder="pets"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
        </Field>
        {preview && !errors.pathPart ? (
          <p className="text-xs text-zinc-500">
            Full path: <code className="font-mono text-zinc-800">{preview}</code>
          </p>
        ) : null}
        <FormAlert message={formError} />
      </form>
    </Dialog>
  );
}
