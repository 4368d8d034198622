"use client";

import { useState } from "react";
import { createResourceFormSchema } from "@/components/apis/form-schemas";
import { useRenameResourceMutation } from "@/components/apis/hooks/use-resources-query";
import type { ResourceSummary } from "@/components/apis/types";
import { validateFields } from "@/components/lib/zod-errors";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export function RenameResourceDialog({
  apiId,
  resource,
  onClose,
}: {
  apiId: string;
  resource: ResourceSummary | null;
  onClose: () => void;
}) {
  const mutation = useRenameResourceMutation(apiId);
  const toast = useToast();
  const [pathPart, setPathPart] = useState(resource?.pathPart ?? "");
  const { errors, formError, reset, accept, fail } = useFormErrors();
  // A dialog opened for another resource starts from that resource's name
  // (state adjusted during render, as React documents for props changes).
  const [shownFor, setShownFor] = useState(resource);
  if (resource !== shownFor) {
    setShownFor(resource);
    setPathPart(resource?.pathPart ?? "");
    reset();
  }

  const parentPath = resource ? resource.path.slice(0, resource.path.length - resource.pathPart.length) : "/";

  async function submit() {
    if (!resource) return;
    const value = pathPart.trim();
    if (!accept(validateFields(createResourceFormSchema, { pathPart: value }))) return;
    if (value === resource.pathPart) return onClose();
    try {
      const renamed = await mutation.mutateAsync({ resourceId: resource.id, pathPart: value });
      toast({ title: "Resource renamed", description: renamed.path });
      onClose();
    } catch (error) {
      fail(error, { fallback: "Could not rename the resource.", field: "pathPart" });
    }
  }

  return (
    <FormDialog
      open={resource !== null}
      onClose={onClose}
      title="Rename resource"
      description="Child resources keep their place and get the new path."
      submitLabel="Rename"
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
    >
      <Field label="Path part" error={errors.pathPart}>
        <Input
          value={pathPart}
          onChange={(event) => setPathPart(event.target.value)}
          prefix={parentPath}
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
      </Field>
    </FormDialog>
  );
}
