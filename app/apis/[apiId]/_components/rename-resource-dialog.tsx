"use client";

import { useEffect, useState } from "react";
import { createResourceFormSchema } from "@/components/apis/form-schemas";
import { useRenameResourceMutation } from "@/components/apis/hooks/use-resources-query";
import type { ResourceSummary } from "@/components/apis/types";
import { ApiError, type FieldErrors } from "@/components/lib/api-client";
import { validateFields } from "@/components/lib/zod-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export function RenameResourceDialog({ apiId, resource, onClose }: { apiId: string; resource: ResourceSummary | null; onClose: () => void }) {
  const mutation = useRenameResourceMutation(apiId);
  const toast = useToast();
  const [pathPart, setPathPart] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    setPathPart(resource?.pathPart ?? "");
    setErrors({});
    setFormError(null);
  }, [resource]);

  const parentPath = resource ? resource.path.slice(0, resource.path.length - resource.pathPart.length) : "/";

  async function submit() {
    if (!resource) return;
    const value = pathPart.trim();
    const clientErrors = validateFields(createResourceFormSchema, { pathPart: value });
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0) return;
    if (value === resource.pathPart) return onClose();
    try {
      const renamed = await mutation.mutateAsync({ resourceId: resource.id, pathPart: value });
      toast({ title: "Resource renamed", description: renamed.path });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && (error.details.length > 0 || error.status === 409)) {
        setErrors({ pathPart: error.fieldErrors.pathPart ?? error.details[0]?.message ?? error.message });
      } else {
        setFormError(error instanceof Error ? error.message : "Could not rename the resource.");
      }
    }
  }

  return (
    <Dialog
      open={resource !== null}
      onOpenChange={(open) => {
        if (!open && !mutation.isPending) onClose();
      }}
      title="Rename resource"
      description="Child resources keep their place and get the new path."
      dismissible={!mutation.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="rename-resource-form" loading={mutation.isPending}>
            Rename
          </Button>
        </>
      }
    >
      <form
        id="rename-resource-form"
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
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
        <FormAlert message={formError} />
      </form>
    </Dialog>
  );
}
