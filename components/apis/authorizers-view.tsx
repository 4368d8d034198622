"use client";

import { FlaskConical, KeyRound, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";

import { PermittedButton } from "@/components/auth/permitted-button";
import { validateFields } from "@/components/lib/zod-errors";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { AUTHORIZER_TYPES, authorizerBodySchema, type AuthorizerDto, type AuthorizerTypeName } from "@/lib/schemas/authorizer";

import {
  AUTHORIZER_TYPE_LABELS,
  authorizerFormFrom,
  describeAuthorizer,
  emptyAuthorizerForm,
  toAuthorizerBody,
  type AuthorizerFormState,
} from "./authorizer-form-state";
import { GatewayResponsesEditor } from "./gateway-responses-editor";
import { TestAuthorizerDialog } from "./test-authorizer-dialog";
import { useApiQuery } from "./hooks/use-apis-query";
import { useAuthorizersQuery, useDeleteAuthorizerMutation, useSaveAuthorizerMutation } from "./hooks/use-authorizers-query";

/** An API's authorizers: JWT issuers, Cognito user pools and Lambda functions that methods can require. */
export function AuthorizersView({ apiId }: { apiId: string }) {
  const query = useAuthorizersQuery(apiId);
  const api = useApiQuery(apiId);
  const [editing, setEditing] = useState<{ authorizer: AuthorizerDto | null } | null>(null);
  const [deleting, setDeleting] = useState<AuthorizerDto | null>(null);
  const [testing, setTesting] = useState<AuthorizerDto | null>(null);
  const remove = useDeleteAuthorizerMutation(apiId);
  const toast = useToast();

  if (query.isError) {
    return <ErrorState title="Could not load the authorizers" error={query.error} onRetry={() => void query.refetch()} className="m-6" />;
  }
  const items = query.data ?? [];

  return (
    <main className="flex flex-col gap-4 p-6">
      <div className="flex items-center justify-between gap-4">
        <p className="max-w-2xl text-[13px] text-zinc-500">
          Methods with JWT, Cognito or Lambda authorization name one of these. The gateway checks the caller before API keys, throttling and
          validation, and refuses with 401 or 403 as API Gateway does.
        </p>
        <PermittedButton
          variant="primary"
          size="sm"
          icon={<Plus aria-hidden className="size-3.5" />}
          onClick={() => setEditing({ authorizer: null })}
        >
          Create authorizer
        </PermittedButton>
      </div>
      {query.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<KeyRound className="size-5" />}
          title="No authorizers yet"
          description="Create one to protect methods with JWTs, Cognito user pools or a Lambda function."
        />
      ) : (
        <table
          aria-label="Authorizers"
          className="w-full table-fixed overflow-hidden rounded-lg border border-zinc-200 bg-white text-[13px]"
        >
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
            <tr>
              <th className="w-[22%] px-4 py-2 font-medium">Name</th>
              <th className="w-[18%] px-4 py-2 font-medium">Type</th>
              <th className="px-4 py-2 font-medium">Settings</th>
              <th className="w-[90px] px-4 py-2 font-medium">Methods</th>
              <th className="w-[120px] px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {items.map((authorizer) => (
              <tr key={authorizer.id} className="border-t border-zinc-100">
                <td className="truncate px-4 py-2.5 font-medium text-zinc-900">{authorizer.name}</td>
                <td className="px-4 py-2.5">
                  <Badge>{authorizer.type}</Badge>
                </td>
                <td className="truncate px-4 py-2.5 font-mono text-xs text-zinc-600" title={describeAuthorizer(authorizer)}>
                  {describeAuthorizer(authorizer)}
                </td>
                <td className="px-4 py-2.5 text-zinc-600">{authorizer.methodCount}</td>
                <td className="px-4 py-2.5">
                  <div className="flex justify-end gap-1">
                    <PermittedButton
                      size="sm"
                      variant="ghost"
                      aria-label={`Test ${authorizer.name}`}
                      icon={<FlaskConical aria-hidden className="size-3.5" />}
                      onClick={() => setTesting(authorizer)}
                    />
                    <PermittedButton
                      size="sm"
                      variant="ghost"
                      aria-label={`Edit ${authorizer.name}`}
                      icon={<Pencil aria-hidden className="size-3.5" />}
                      onClick={() => setEditing({ authorizer })}
                    />
                    <PermittedButton
                      size="sm"
                      variant="ghost"
                      aria-label={`Delete ${authorizer.name}`}
                      icon={<Trash2 aria-hidden className="size-3.5" />}
                      onClick={() => setDeleting(authorizer)}
                      className="hover:bg-red-50 hover:text-red-600"
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {api.data ? <GatewayResponsesEditor key={api.data.updatedAt} api={api.data} /> : null}
      {testing ? <TestAuthorizerDialog apiId={apiId} authorizer={testing} onClose={() => setTesting(null)} /> : null}
      {editing ? <AuthorizerDialog apiId={apiId} authorizer={editing.authorizer} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={`Delete ${deleting?.name ?? "authorizer"}?`}
        description="Methods must stop using it first; deployed stages keep it until the next deployment."
        confirmLabel="Delete authorizer"
        onConfirm={async () => {
          if (deleting === null) return;
          await remove.mutateAsync(deleting.id);
          toast({ title: "Authorizer deleted", description: deleting.name });
          setDeleting(null);
        }}
      />
    </main>
  );
}

function AuthorizerDialog({ apiId, authorizer, onClose }: { apiId: string; authorizer: AuthorizerDto | null; onClose: () => void }) {
  const [state, setState] = useState<AuthorizerFormState>(() => (authorizer ? authorizerFormFrom(authorizer) : emptyAuthorizerForm()));
  const save = useSaveAuthorizerMutation(apiId);
  const toast = useToast();
  const { errors, formError, accept, fail } = useFormErrors();
  const update = (patch: Partial<AuthorizerFormState>) => setState((current) => ({ ...current, ...patch }));
  const lambda = state.type === "TOKEN" || state.type === "REQUEST";

  async function submit() {
    const body = toAuthorizerBody(state);
    if (!accept(validateFields(authorizerBodySchema, body))) return;
    try {
      const saved = await save.mutateAsync({ id: authorizer?.id ?? null, body });
      toast({ title: authorizer ? "Authorizer saved" : "Authorizer created", description: saved.name });
      onClose();
    } catch (error) {
      fail(error, { fallback: "Could not save the authorizer." });
    }
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      title={authorizer ? `Edit ${authorizer.name}` : "Create authorizer"}
      submitLabel={authorizer ? "Save" : "Create authorizer"}
      pending={save.isPending}
      error={formError}
      onSubmit={() => void submit()}
    >
      <Field label="Name" error={errors.name}>
        <Input value={state.name} onChange={(event) => update({ name: event.target.value })} autoComplete="off" autoFocus />
      </Field>
      <Field label="Type" error={errors.type}>
        <Select
          value={state.type}
          onChange={(event) => {
            const type = event.target.value as AuthorizerTypeName;
            // REQUEST lists several sources; the others read one header.
            update({ type, identitySource: type === "REQUEST" ? "" : state.identitySource || "method.request.header.Authorization" });
          }}
          options={AUTHORIZER_TYPES.map((type) => ({ value: type, label: AUTHORIZER_TYPE_LABELS[type] }))}
        />
      </Field>
      <Field
        label="Identity source"
        error={errors.identitySource}
        hint={
          state.type === "REQUEST"
            ? "One per line: method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>. Each must be present; together they key the cache."
            : "Where the token is read, e.g. method.request.header.Authorization (a Bearer prefix is removed)."
        }
      >
        {state.type === "REQUEST" ? (
          <Textarea
            rows={3}
            value={state.identitySource}
            onChange={(event) => update({ identitySource: event.target.value })}
            className="font-mono"
          />
        ) : (
          <Input value={state.identitySource} onChange={(event) => update({ identitySource: event.target.value })} className="font-mono" />
        )}
      </Field>
      {state.type === "JWT" ? (
        <>
          <Field label="Issuer" error={errors.issuer} hint="Its /.well-known/openid-configuration names the signing keys.">
            <Input
              value={state.issuer}
              onChange={(event) => update({ issuer: event.target.value })}
              placeholder="https://id.example.com"
              className="font-mono"
            />
          </Field>
          <Field label="Audience" error={errors.audience} hint="One per line; the token's aud (or client_id) must be one of them.">
            <Textarea
              rows={2}
              value={state.audience}
              onChange={(event) => update({ audience: event.target.value })}
              className="font-mono"
            />
          </Field>
          <Field label="JWKS URI" error={errors.jwksUri} hint="Optional: the key set, when the issuer has no discovery document.">
            <Input value={state.jwksUri} onChange={(event) => update({ jwksUri: event.target.value })} className="font-mono" />
          </Field>
        </>
      ) : null}
      {state.type === "COGNITO_USER_POOLS" ? (
        <Field
          label="User pools"
          error={errors.providerArns}
          hint="One ARN per line: arn:aws:cognito-idp:<region>:<account>:userpool/<id>."
        >
          <Textarea
            rows={2}
            value={state.providerArns}
            onChange={(event) => update({ providerArns: event.target.value })}
            className="font-mono"
          />
        </Field>
      ) : null}
      {lambda ? (
        <>
          <Field
            label="Function"
            error={errors.authorizerUri}
            hint="API Gateway's invocation URI, a Lambda function ARN or name, or an http(s) URL that takes the event as a POST."
          >
            <Input value={state.authorizerUri} onChange={(event) => update({ authorizerUri: event.target.value })} className="font-mono" />
          </Field>
          <Field label="Result cache TTL (seconds)" error={errors.resultTtlSeconds} hint="0 turns caching off; at most 3600.">
            <Input
              inputMode="numeric"
              value={state.resultTtlSeconds}
              onChange={(event) => update({ resultTtlSeconds: event.target.value })}
            />
          </Field>
        </>
      ) : null}
      {state.type === "TOKEN" ? (
        <Field
          label="Token validation"
          error={errors.identityValidationExpression}
          hint="Optional regular expression; a token that does not match gets 401 without invoking the function."
        >
          <Input
            value={state.identityValidationExpression}
            onChange={(event) => update({ identityValidationExpression: event.target.value })}
            className="font-mono"
          />
        </Field>
      ) : null}
      {state.type === "REQUEST" ? (
        <Field label="Event format" hint="1.0 is REST APIs' REQUEST event; 2.0 is HTTP APIs' (routeArn, identitySource values, rawPath).">
          <Select
            value={state.payloadFormatVersion}
            onChange={(event) => update({ payloadFormatVersion: event.target.value === "2.0" ? "2.0" : "1.0" })}
            options={[
              { value: "1.0", label: "1.0 (REST API)" },
              { value: "2.0", label: "2.0 (HTTP API)" },
            ]}
          />
        </Field>
      ) : null}
      {state.type === "REQUEST" ? (
        <label className="flex items-center gap-2 text-[13px] text-zinc-700">
          <input type="checkbox" checked={state.simpleResponses} onChange={(event) => update({ simpleResponses: event.target.checked })} />
          The function answers {"{ isAuthorized, context }"} instead of an IAM policy
        </label>
      ) : null}
    </FormDialog>
  );
}
