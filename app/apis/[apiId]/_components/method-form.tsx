"use client";

import { Plus, X } from "lucide-react";
import { useLayoutEffect, useState, type ReactNode } from "react";
import { validateMethodInput } from "@/components/apis/form-schemas";
import { useUpdateMethodMutation } from "@/components/apis/hooks/use-method-mutation";
import { useAuthorizersQuery } from "@/components/apis/hooks/use-authorizers-query";
import { useModelsQuery } from "@/components/apis/hooks/use-models-query";
import {
  formStateFromMethod,
  usesAuthorizer,
  isSameMethodInput,
  newRowKey,
  toMethodInput,
  type MethodFormState,
  type ParameterRow,
} from "@/components/apis/method-form-state";
import {
  UPSTREAM_HTTP_METHODS,
  type AuthorizationType,
  type Method,
  type ParameterLocation,
  type RequestValidator,
  type ResourceSummary,
} from "@/components/apis/types";
import type { FieldErrors } from "@/components/lib/api-client";
import { cn } from "@/components/lib/cn";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { formErrorsFromFailure } from "@/components/ui/form-errors";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { CONTENT_HANDLING_OPTIONS, MappingTable, PASSTHROUGH_OPTIONS, ResponsesEditor, TemplateList } from "./integration-mapping";
import { IntegrationTestPanel } from "./integration-test-panel";
import { IntegrationTypePicker } from "./integration-type-picker";
import { useUnsavedChanges } from "./unsaved-changes";
import { UriHint } from "./uri-hint";
import { PermittedButton } from "@/components/auth/permitted-button";

const VALIDATORS: Array<{ value: RequestValidator; label: string }> = [
  { value: "NONE", label: "None" },
  { value: "BODY", label: "Validate body" },
  { value: "PARAMS", label: "Validate query string parameters and headers" },
  { value: "BODY_AND_PARAMS", label: "Validate body, query string parameters and headers" },
];

const AUTHORIZATIONS: Array<{ value: AuthorizationType; label: string }> = [
  { value: "NONE", label: "None" },
  { value: "API_KEY", label: "API key required" },
  { value: "JWT", label: "JWT authorizer" },
  { value: "COGNITO_USER_POOLS", label: "Cognito user pools" },
  { value: "CUSTOM", label: "Lambda authorizer" },
];

/** The authorizer types each authorization accepts. */
const AUTHORIZER_TYPES_FOR: Record<AuthorizationType, readonly string[]> = {
  NONE: [],
  API_KEY: [],
  JWT: ["JWT"],
  COGNITO_USER_POOLS: ["COGNITO_USER_POOLS"],
  CUSTOM: ["TOKEN", "REQUEST"],
};

const AUTHORIZATION_HINTS: Record<AuthorizationType, string> = {
  NONE: "Anyone who can reach the gateway may call it.",
  API_KEY: "Callers send a key in the x-api-key header; keys come from usage plans.",
  JWT: "Callers send a bearer token the authorizer's issuer signed; 401 when it is missing or invalid.",
  COGNITO_USER_POOLS: "Callers send a token of one of the authorizer's user pools.",
  CUSTOM: "The authorizer's Lambda function decides, with an IAM policy or a simple answer.",
};

const LOCATIONS: Array<{ value: ParameterLocation; label: string }> = [
  { value: "path", label: "Path" },
  { value: "querystring", label: "Query string" },
  { value: "header", label: "Header" },
];

type Props = { apiId: string; resource: ResourceSummary; method: Method };

export function MethodForm({ apiId, resource, method }: Props) {
  const httpMethod = method.httpMethod;
  const [baseline, setBaseline] = useState(() => formStateFromMethod(method));
  const [state, setState] = useState(baseline);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useUpdateMethodMutation(apiId, resource.id);
  const models = useModelsQuery(apiId);
  const authorizers = useAuthorizersQuery(apiId);
  const toast = useToast();
  const { setDirty } = useUnsavedChanges();
  const dirty = !isSameMethodInput(httpMethod, baseline, state);

  // Before paint, so that what the page shows and what the guard knows never disagree.
  useLayoutEffect(() => {
    setDirty(dirty);
  }, [dirty, setDirty]);
  useLayoutEffect(() => () => setDirty(false), [setDirty]);

  // After a refused save, messages follow the edits, so each one disappears as soon as its field is fixed.
  const [liveValidation, setLiveValidation] = useState(false);
  const validate = (next: MethodFormState) => validateMethodInput(toMethodInput(httpMethod, next), resource.path);
  const apply = (next: MethodFormState) => {
    setState(next);
    if (liveValidation) setErrors(validate(next));
  };
  const update = (patch: Partial<MethodFormState>) => apply({ ...state, ...patch });
  const updateRow = (key: string, patch: Partial<ParameterRow>) =>
    apply({ ...state, parameters: state.parameters.map((row) => (row.key === key ? { ...row, ...patch } : row)) });
  /** Checks one field when leaving it, without waiting for Save. */
  const validateOnBlur = (field: string) => {
    const message = validate(state)[field];
    setErrors((current) => {
      const next = { ...current };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });
  };

  async function save() {
    const input = toMethodInput(httpMethod, state);
    const clientErrors = validateMethodInput(input, resource.path);
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0) {
      setLiveValidation(true);
      setFormError("Some settings need attention before saving; see the messages on the fields.");
      return;
    }
    try {
      await mutation.mutateAsync(input);
      setBaseline(state);
      setLiveValidation(false);
      toast({ title: "Method saved", description: `${httpMethod} ${resource.path}` });
    } catch (error) {
      const failure = formErrorsFromFailure(error, { fallback: "Could not save the method." });
      setErrors(failure.errors);
      setFormError(failure.formError);
    }
  }

  function discard() {
    setState(baseline);
    setLiveValidation(false);
    setErrors({});
    setFormError(null);
  }

  const authorizerOptions = (authorization: AuthorizationType) =>
    (authorizers.data ?? [])
      .filter((authorizer) => AUTHORIZER_TYPES_FOR[authorization].includes(authorizer.type))
      .map((authorizer) => ({ value: authorizer.id, label: `${authorizer.name} (${authorizer.type})` }));
  const modelOptions = [{ value: "", label: "None" }, ...(models.data ?? []).map((model) => ({ value: model.id, label: model.name }))];
  const bodyValidated = state.requestValidator === "BODY" || state.requestValidator === "BODY_AND_PARAMS";
  const isHttp = state.integrationType === "HTTP_PROXY" || state.integrationType === "HTTP";
  const isLambda = state.integrationType === "AWS" || state.integrationType === "AWS_PROXY";
  const mapsRequests = state.integrationType === "HTTP" || state.integrationType === "MOCK" || state.integrationType === "AWS";

  return (
    <form
      noValidate
      aria-label={`${httpMethod} ${resource.path} settings`}
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {method.integration &&
      (method.integration.type === "AWS" || method.integration.type === "AWS_PROXY") &&
      !/:lambda:|^https?:\/\//.test(method.integration.uri ?? "") ? (
        <FormAlert
          message={`This method was imported with an integration calling ${method.integration.uri ?? "an AWS service"}. The gateway calls Lambda functions only; choose a Lambda function, an HTTP endpoint or a mock and save to replace it.`}
        />
      ) : null}

      <Section title="Method request" description="What callers must send, checked by the gateway before any integration runs.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Authorization"
            error={errors.authorizationType ?? errors.apiKeyRequired}
            hint={AUTHORIZATION_HINTS[state.authorization]}
          >
            <Select
              value={state.authorization}
              onChange={(event) => {
                const authorization = event.target.value as AuthorizationType;
                // An authorizer of another type cannot stay picked.
                const keep = authorizerOptions(authorization).some((option) => option.value === state.authorizerId);
                update({ authorization, authorizerId: keep ? state.authorizerId : "" });
              }}
              options={AUTHORIZATIONS}
            />
          </Field>
          {usesAuthorizer(state.authorization) ? (
            <Field
              label="Authorizer"
              error={errors.authorizerId}
              hint={
                authorizers.isError
                  ? "Could not load the authorizers."
                  : authorizerOptions(state.authorization).length === 0
                    ? "This API has no authorizer of this type yet: create one on the Authorizers tab."
                    : undefined
              }
            >
              <Select
                value={state.authorizerId}
                onChange={(event) => update({ authorizerId: event.target.value })}
                options={[{ value: "", label: "Choose an authorizer" }, ...authorizerOptions(state.authorization)]}
              />
            </Field>
          ) : null}
          {state.authorization === "JWT" || state.authorization === "COGNITO_USER_POOLS" ? (
            <Field
              label="Scopes"
              error={errors.authorizationScopes}
              hint="Space-separated; the token needs one of them (scope or scp). Empty: any valid token."
            >
              <Input
                value={state.scopes}
                onChange={(event) => update({ scopes: event.target.value })}
                className="font-mono"
                placeholder="pets:read"
              />
            </Field>
          ) : null}
          {usesAuthorizer(state.authorization) ? (
            <label className="flex items-center gap-2 self-end pb-2 text-[13px] text-zinc-700">
              <input
                type="checkbox"
                checked={state.apiKeyRequired}
                onChange={(event) => update({ apiKeyRequired: event.target.checked })}
              />
              Require an API key as well
            </label>
          ) : null}
          <Field label="Request validator" error={errors.requestValidator}>
            <Select
              value={state.requestValidator}
              onChange={(event) => update({ requestValidator: event.target.value as RequestValidator })}
              options={VALIDATORS}
            />
          </Field>
          <Field
            label="Request model"
            error={errors.requestModelId}
            hint={
              models.isError
                ? "Could not load models."
                : models.data?.length === 0
                  ? "This API has no models yet."
                  : state.requestModelId && !bodyValidated
                    ? "Choose a validator that validates the body to enforce this model."
                    : "JSON Schema the request body must match."
            }
          >
            <Select
              value={state.requestModelId}
              onChange={(event) => update({ requestModelId: event.target.value })}
              options={modelOptions}
            />
          </Field>
        </div>

        <ParametersTable
          rows={state.parameters}
          errors={errors}
          onAdd={() => update({ parameters: [...state.parameters, { key: newRowKey(), in: "querystring", name: "", required: false }] })}
          onRemove={(key) => update({ parameters: state.parameters.filter((row) => row.key !== key) })}
          onChange={updateRow}
        />
      </Section>

      <Section title="Integration" description="Where the gateway sends the request once it passes the checks.">
        <IntegrationTypePicker
          name="integration-type"
          value={state.integrationType}
          onChange={(integrationType) => update({ integrationType })}
        />
        {isHttp ? (
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field label="Endpoint URI" error={errors["integration.uri"]} hint={<UriHint path={resource.path} />} className="sm:col-span-2">
              <Input
                value={state.uri}
                onChange={(event) => update({ uri: event.target.value })}
                onBlur={() => {
                  if (state.uri.trim()) validateOnBlur("integration.uri");
                }}
                placeholder="http://pets.internal:8080/pets/{petId}"
                className="font-mono"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            <Field label="Integration HTTP method" error={errors["integration.httpMethod"]}>
              <Select
                value={state.integrationHttpMethod}
                onChange={(event) => update({ integrationHttpMethod: event.target.value })}
                options={[
                  { value: "", label: state.integrationType === "HTTP_PROXY" ? "Same as request" : "Same as method" },
                  ...UPSTREAM_HTTP_METHODS.map((verb) => ({ value: verb, label: verb })),
                ]}
              />
            </Field>
            <TimeoutField
              value={state.timeoutMs}
              error={errors["integration.timeoutMs"]}
              onChange={(timeoutMs) => update({ timeoutMs })}
              onBlur={() => validateOnBlur("integration.timeoutMs")}
            />
          </div>
        ) : isLambda ? (
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field
              label="Lambda function"
              error={errors["integration.uri"]}
              hint="arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations, a function ARN, or an http(s) URL receiving the event; ${stageVariables.name} allowed."
              className="sm:col-span-2"
            >
              <Input
                value={state.uri}
                onChange={(event) => update({ uri: event.target.value })}
                onBlur={() => {
                  if (state.uri.trim()) validateOnBlur("integration.uri");
                }}
                placeholder="arn:aws:lambda:us-east-1:123456789012:function:orders"
                className="font-mono"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            {state.integrationType === "AWS_PROXY" ? (
              <Field label="Payload format" hint="1.0 as REST APIs send it, 2.0 as HTTP APIs do.">
                <Select
                  value={state.payloadFormatVersion}
                  onChange={(event) => update({ payloadFormatVersion: event.target.value === "2.0" ? "2.0" : "1.0" })}
                  options={[
                    { value: "1.0", label: "1.0 (REST API)" },
                    { value: "2.0", label: "2.0 (HTTP API)" },
                  ]}
                />
              </Field>
            ) : (
              <div />
            )}
            <TimeoutField
              value={state.timeoutMs}
              error={errors["integration.timeoutMs"]}
              onChange={(timeoutMs) => update({ timeoutMs })}
              onBlur={() => validateOnBlur("integration.timeoutMs")}
            />
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
            <Field label="Status code" error={errors["integration.mockResponse.statusCode"]}>
              <Input
                type="number"
                inputMode="numeric"
                min={100}
                max={599}
                value={state.mockStatusCode}
                onChange={(event) => update({ mockStatusCode: event.target.value })}
              />
            </Field>
            <Field label="Content type" error={errors["integration.mockResponse.headers"]}>
              <Input
                value={state.mockContentType}
                onChange={(event) => update({ mockContentType: event.target.value })}
                className="font-mono"
              />
            </Field>
            <Field label="Response body" error={errors["integration.mockResponse.body"]} className="sm:col-span-2">
              <Textarea
                value={state.mockBody}
                onChange={(event) => update({ mockBody: event.target.value })}
                rows={6}
                className="font-mono text-[13px]"
                spellCheck={false}
              />
            </Field>
          </div>
        )}
        {mapsRequests ? (
          <div className="flex flex-col gap-5 border-t border-zinc-100 pt-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label="Passthrough behavior"
                hint="What happens to a body whose content type has no request template."
                error={errors["integration.passthroughBehavior"]}
              >
                <Select
                  value={state.passthroughBehavior}
                  onChange={(event) => update({ passthroughBehavior: event.target.value })}
                  options={PASSTHROUGH_OPTIONS}
                />
              </Field>
              <Field
                label="Content handling"
                hint="Binary and base64 conversions of the request payload."
                error={errors["integration.contentHandling"]}
              >
                <Select
                  value={state.contentHandling}
                  onChange={(event) => update({ contentHandling: event.target.value })}
                  options={CONTENT_HANDLING_OPTIONS}
                />
              </Field>
            </div>
            <MappingTable
              label="Request parameter mappings"
              description="integration.request.(path|querystring|header).X from method.request.*, context.*, stageVariables.* or a 'literal'."
              rows={state.requestMappings}
              onChange={(requestMappings) => update({ requestMappings })}
              targetPlaceholder="integration.request.header.X-Name"
              sourcePlaceholder="method.request.querystring.name"
              errors={errors}
              errorPrefix="integration.requestParameters"
            />
            <TemplateList
              label="Request templates"
              rows={state.requestTemplates}
              onChange={(requestTemplates) => update({ requestTemplates })}
              errors={errors}
              errorPrefix="integration.requestTemplates"
            />
            <ResponsesEditor
              rows={state.responses}
              onChange={(responses) => update({ responses })}
              errors={errors}
              selector={state.integrationType === "AWS" ? "error" : "status"}
            />
          </div>
        ) : null}
        {state.integrationType === "HTTP_PROXY" ? (
          <MappingTable
            label="Parameter mapping"
            description="HTTP API style: append:, overwrite: or remove: a header, a query string parameter or the path; values may use $request.*, $context.* and $stageVariables.*."
            rows={state.parameterMapping}
            onChange={(parameterMapping) => update({ parameterMapping })}
            targetPlaceholder="append:header.x-request-id"
            sourcePlaceholder="$context.requestId"
            errors={errors}
            errorPrefix="integration.parameterMapping"
          />
        ) : null}
        <IntegrationTestPanel apiId={apiId} resourceId={resource.id} httpMethod={httpMethod} path={resource.path} dirty={dirty} />
      </Section>

      <FormAlert message={formError} />
      <div
        className={cn(
          "sticky bottom-4 z-10 flex items-center justify-between gap-3 rounded-xl px-4 py-3 shadow-lg ring-1 transition-colors",
          dirty ? "bg-zinc-900 text-white ring-zinc-900" : "bg-white text-zinc-500 ring-zinc-200",
        )}
      >
        <p role="status" className="text-[13px]">
          {dirty ? "You have unsaved changes." : "All changes saved."}
        </p>
        <div className="flex gap-2">
          {dirty ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={discard}
              className="text-zinc-300 hover:bg-white/10 hover:text-white"
              disabled={mutation.isPending}
            >
              Discard
            </Button>
          ) : null}
          <PermittedButton type="submit" size="sm" variant={dirty ? "secondary" : "primary"} disabled={!dirty} loading={mutation.isPending}>
            Save changes
          </PermittedButton>
        </div>
      </div>
    </form>
  );
}

function TimeoutField({
  value,
  error,
  onChange,
  onBlur,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  return (
    <Field label="Timeout (ms)" error={error} hint="50 to 29000">
      <Input
        type="number"
        inputMode="numeric"
        min={50}
        max={29000}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
    </Field>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
      <header className="border-b border-zinc-100 px-5 py-3.5">
        <h3 className="text-[13px] font-semibold text-zinc-900">{title}</h3>
        <p className="mt-0.5 text-[12px] text-zinc-500">{description}</p>
      </header>
      <div className="flex flex-col gap-5 p-5">{children}</div>
    </section>
  );
}

type ParametersTableProps = {
  rows: ParameterRow[];
  errors: FieldErrors;
  onAdd: () => void;
  onRemove: (key: string) => void;
  onChange: (key: string, patch: Partial<ParameterRow>) => void;
};

function ParametersTable({ rows, errors, onAdd, onRemove, onChange }: ParametersTableProps) {
  return (
    <fieldset className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <legend className="text-[13px] font-medium text-zinc-800">Request parameters</legend>
        <Button size="sm" variant="ghost" icon={<Plus aria-hidden className="size-3.5" />} onClick={onAdd}>
          Add parameter
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-200 px-4 py-3 text-[13px] text-zinc-500">
          No declared parameters. Declare query strings and headers to require or validate them.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg ring-1 ring-zinc-200">
          <table className="w-full text-sm">
            <thead className="bg-zinc-50/80 text-left text-[12px] text-zinc-500">
              <tr>
                <th scope="col" className="w-40 px-3 py-2 font-medium">
                  Location
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="w-24 px-3 py-2 font-medium">
                  Required
                </th>
                <th scope="col" className="w-12 px-3 py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((row, index) => {
                const nameError = errors[`requestParameters.${index}.name`];
                const errorId = `parameter-${row.key}-error`;
                return (
                  <tr key={row.key} className="align-top">
                    <td className="px-3 py-2">
                      <Select
                        aria-label={`Location of parameter ${index + 1}`}
                        value={row.in}
                        onChange={(event) => onChange(row.key, { in: event.target.value as ParameterLocation })}
                        options={LOCATIONS}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <Input
                        aria-label={`Name of parameter ${index + 1}`}
                        aria-invalid={nameError ? true : undefined}
                        aria-describedby={nameError ? errorId : undefined}
                        value={row.name}
                        onChange={(event) => onChange(row.key, { name: event.target.value })}
                        placeholder={row.in === "header" ? "x-request-id" : row.in === "path" ? "petId" : "limit"}
                        className="font-mono"
                        autoComplete="off"
                        spellCheck={false}
                      />
                      <div className="mt-1 empty:hidden">
                        <FieldError id={errorId} message={nameError} />
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      <label className="flex h-9 items-center gap-2 text-[13px] text-zinc-600">
                        <input
                          type="checkbox"
                          checked={row.required}
                          onChange={(event) => onChange(row.key, { required: event.target.checked })}
                          className="size-4 rounded border-zinc-300 accent-zinc-900"
                          aria-label={`Parameter ${index + 1} required`}
                        />
                        Yes
                      </label>
                    </td>
                    <td className="px-3 py-2">
                      <button
                        type="button"
                        aria-label={`Remove parameter ${index + 1}${row.name ? ` (${row.name})` : ""}`}
                        onClick={() => onRemove(row.key)}
                        className="flex size-9 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
                      >
                        <X aria-hidden className="size-4" />
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </fieldset>
  );
}
