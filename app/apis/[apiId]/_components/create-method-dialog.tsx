"use client";

import { useState } from "react";
import { validateMethodInput } from "@/components/apis/form-schemas";
import { useCreateMethodMutation } from "@/components/apis/hooks/use-method-mutation";
import { initialFormState, toMethodInput } from "@/components/apis/method-form-state";
import { HTTP_METHODS, type IntegrationType, type ResourceSummary } from "@/components/apis/types";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { IntegrationTypePicker } from "./integration-type-picker";
import { UriHint } from "./uri-hint";

type Props = {
  apiId: string;
  resource: ResourceSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (httpMethod: string) => void;
};

export function CreateMethodDialog({ apiId, resource, open, onOpenChange, onCreated }: Props) {
  const mutation = useCreateMethodMutation(apiId, resource.id);
  const toast = useToast();
  const available = HTTP_METHODS.filter((method) => !resource.methods.includes(method));
  const [httpMethod, setHttpMethod] = useState<string>("");
  const [type, setType] = useState<IntegrationType>("HTTP_PROXY");
  const [uri, setUri] = useState("");
  const { errors, formError, reset, accept, fail } = useFormErrors();
  const chosenMethod = httpMethod || available[0] || "";

  function close() {
    setHttpMethod("");
    setType("HTTP_PROXY");
    setUri("");
    reset();
    onOpenChange(false);
  }

  async function submit() {
    const state = { ...initialFormState(resource.path, type), uri };
    const input = toMethodInput(chosenMethod, state);
    if (!accept(validateMethodInput(input, resource.path))) return;
    try {
      await mutation.mutateAsync(input);
      toast({ title: "Method created", description: `${chosenMethod} ${resource.path}` });
      close();
      onCreated(chosenMethod);
    } catch (error) {
      fail(error, { fallback: "Could not create the method.", conflictField: "httpMethod" });
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      size="lg"
      title="Create method"
      description={
        <>
          On <code className="font-mono text-zinc-700">{resource.path}</code>. You can refine parameters, authorization and the integration
          after creating it.
        </>
      }
      submitLabel="Create method"
      submitDisabled={available.length === 0}
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
      className="gap-5"
    >
      {available.length === 0 ? (
        <FormAlert message="Every HTTP method already exists on this resource." />
      ) : (
        <Field
          label="HTTP method"
          error={errors.httpMethod}
          hint="ANY matches every verb without a method of its own."
          className="max-w-48"
        >
          <Select
            value={chosenMethod}
            onChange={(event) => setHttpMethod(event.target.value)}
            options={available.map((method) => ({ value: method, label: method }))}
            autoFocus
          />
        </Field>
      )}
      <IntegrationTypePicker name="create-integration-type" value={type} onChange={setType} />
      {type === "AWS" || type === "AWS_PROXY" ? (
        <Field
          label="Lambda function"
          error={errors["integration.uri"]}
          hint="A function ARN, API Gateway's invocation URI, or an http(s) URL receiving the event."
        >
          <Input
            value={uri}
            onChange={(event) => setUri(event.target.value)}
            placeholder="arn:aws:lambda:us-east-1:123456789012:function:orders"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      ) : type !== "MOCK" ? (
        <Field label="Endpoint URI" error={errors["integration.uri"]} hint={<UriHint path={resource.path} />}>
          <Input
            value={uri}
            onChange={(event) => setUri(event.target.value)}
            placeholder="http://pets.internal:8080/pets"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      ) : (
        <p className="text-xs text-zinc-500">The mock answers 200 with a small JSON body; change it in the method settings.</p>
      )}
    </FormDialog>
  );
}
