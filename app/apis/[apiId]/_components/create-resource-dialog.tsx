"use client";

import { useState } from "react";
import { createResourceFormSchema } from "@/components/apis/form-schemas";
import { useCreateResourceMutation } from "@/components/apis/hooks/use-resources-query";
import type { ResourceSummary } from "@/components/apis/types";
import { validateFields } from "@/components/lib/zod-errors";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
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
  const { errors, formError, reset, setErrors, accept, fail } = useFormErrors();
  const parentPath = parent?.path ?? "/";

  function close() {
    setPathPart("");
    reset();
    onOpenChange(false);
  }

  async function submit() {
    if (!parent) return;
    const value = pathPart.trim();
    if (!accept(validateFields(createResourceFormSchema, { pathPart: value }))) return;
    try {
      const resource = await mutation.mutateAsync({ parentId: parent.id, pathPart: value });
      toast({ title: "Resource created", description: resource.path });
      close();
      onCreated(resource);
    } catch (error) {
      fail(error, { fallback: "Could not create the resource.", field: "pathPart" });
    }
  }

  const preview = pathPart.trim() ? joinPath(parentPath, pathPart.trim()) : null;

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Create resource"
      description={
        <>
          A child of <code className="font-mono text-zinc-700">{parentPath}</code>.
        </>
      }
      submitLabel="Create resource"
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
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
    </FormDialog>
  );
}
