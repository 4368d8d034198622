"use client";

import { useState } from "react";

import { PermittedButton } from "@/components/auth/permitted-button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { GATEWAY_RESPONSE_DEFAULT_STATUS, GATEWAY_RESPONSE_TYPES } from "@/lib/contracts/authorizers";
import { gatewayResponsesBodySchema, type ApiDto } from "@/lib/schemas/api";

import { useUpdateApiMutation } from "./hooks/use-apis-query";

const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

function pretty(value: unknown): string {
  return value === null || value === undefined ? "{}" : JSON.stringify(value, null, 2);
}

/**
 * The API's gateway responses (what the gateway answers by itself: 401, 403,
 * 429, ...) as API Gateway's JSON, and where API keys come from. Saved with
 * the API; deployed with the next deployment.
 */
export function GatewayResponsesEditor({ api }: { api: ApiDto }) {
  const [text, setText] = useState(() => pretty(api.gatewayResponses));
  const [keySource, setKeySource] = useState(api.apiKeySource);
  const [adding, setAdding] = useState<string>("UNAUTHORIZED");
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateApiMutation(api.id);
  const toast = useToast();

  function parse(): Record<string, unknown> | null {
    try {
      const value = JSON.parse(text) as unknown;
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
      return value as Record<string, unknown>;
    } catch {
      setError('The gateway responses must be a JSON object by response type, e.g. {"UNAUTHORIZED": {"statusCode": 401}}.');
      return null;
    }
  }

  function addType() {
    const current = parse();
    if (current === null || adding in current) return;
    const status = GATEWAY_RESPONSE_DEFAULT_STATUS[adding as keyof typeof GATEWAY_RESPONSE_DEFAULT_STATUS];
    current[adding] = {
      ...(status !== null ? { statusCode: status } : {}),
      responseParameters: {},
      responseTemplates: { "application/json": DEFAULT_TEMPLATE },
    };
    setText(pretty(current));
    setError(null);
  }

  async function save() {
    const value = parse();
    if (value === null) return;
    const checked = gatewayResponsesBodySchema.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      setError(`${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
      return;
    }
    try {
      await update.mutateAsync({ gatewayResponses: checked.data, apiKeySource: keySource });
      setError(null);
      toast({ title: "Gateway responses saved", description: "They reach the gateway with the next deployment." });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Could not save the gateway responses.");
    }
  }

  return (
    <section aria-label="Gateway responses" className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4">
      <div>
        <h2 className="text-sm font-semibold text-zinc-900">Gateway responses</h2>
        <p className="mt-1 text-[13px] text-zinc-500">
          What the gateway answers by itself, by API Gateway&apos;s response types. A type not listed takes DEFAULT_4XX or DEFAULT_5XX when
          those are set, else API Gateway&apos;s default (for example UNAUTHORIZED is 401 {'{"message":"Unauthorized"}'}). Templates may use
          $context.error.messageString, $context.requestId and $context.authorizer.
        </p>
      </div>
      {error ? <FormAlert message={error} /> : null}
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Response type" className="w-64">
          <Select
            value={adding}
            onChange={(event) => setAdding(event.target.value)}
            options={GATEWAY_RESPONSE_TYPES.map((type) => ({ value: type, label: type }))}
          />
        </Field>
        <PermittedButton size="sm" onClick={addType}>
          Add
        </PermittedButton>
      </div>
      <Field label="Responses (JSON)" hideLabel>
        <Textarea
          rows={12}
          value={text}
          onChange={(event) => setText(event.target.value)}
          className="font-mono text-xs"
          spellCheck={false}
        />
      </Field>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Field label="API key source" className="w-72" hint="AUTHORIZER: keys are the usageIdentifierKey Lambda authorizers return.">
          <Select
            value={keySource}
            onChange={(event) => setKeySource(event.target.value === "AUTHORIZER" ? "AUTHORIZER" : "HEADER")}
            options={[
              { value: "HEADER", label: "HEADER (x-api-key)" },
              { value: "AUTHORIZER", label: "AUTHORIZER" },
            ]}
          />
        </Field>
        <PermittedButton variant="primary" size="sm" loading={update.isPending} onClick={() => void save()}>
          Save
        </PermittedButton>
      </div>
    </section>
  );
}
