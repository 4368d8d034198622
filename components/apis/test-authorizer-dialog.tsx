"use client";

import { useState } from "react";

import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Textarea } from "@/components/ui/input";
import type { AuthorizerDto, TestAuthorizerResult } from "@/lib/schemas/authorizer";

import { useTestAuthorizerMutation } from "./hooks/use-authorizers-query";

/** `name: value` lines, as a header block is written. */
export function parseLines(text: string, separator: ":" | "="): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const index = line.indexOf(separator);
    if (index <= 0) continue;
    const name = line.slice(0, index).trim();
    if (name !== "") entries[name] = line.slice(index + 1).trim();
  }
  return entries;
}

/** Runs the authorizer once on a gateway node with the credentials typed here, without its result cache. */
export function TestAuthorizerDialog({ apiId, authorizer, onClose }: { apiId: string; authorizer: AuthorizerDto; onClose: () => void }) {
  const [headers, setHeaders] = useState("Authorization: ");
  const [query, setQuery] = useState("");
  const [path, setPath] = useState("/");
  const [scopes, setScopes] = useState("");
  const [result, setResult] = useState<TestAuthorizerResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const test = useTestAuthorizerMutation(apiId);
  const usesScopes = authorizer.type === "JWT" || authorizer.type === "COGNITO_USER_POOLS";

  async function run() {
    setError(null);
    try {
      setResult(
        await test.mutateAsync({
          id: authorizer.id,
          body: {
            headers: parseLines(headers, ":"),
            queryStringParameters: parseLines(query, "="),
            path: path.trim() || "/",
            method: "GET",
            scopes: scopes.split(/[\s,]+/).filter((scope) => scope !== ""),
          },
        }),
      );
    } catch (failure) {
      setResult(null);
      setError(failure instanceof Error ? failure.message : "The test could not run.");
    }
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      title={`Test ${authorizer.name}`}
      description="Runs the authorizer once on a gateway node, as a request would, without its result cache."
      submitLabel="Run test"
      cancelLabel="Close"
      pending={test.isPending}
      error={error}
      onSubmit={() => void run()}
    >
      <Field label="Headers" hint="One per line: Name: value">
        <Textarea
          rows={3}
          value={headers}
          onChange={(event) => setHeaders(event.target.value)}
          className="font-mono text-xs"
          spellCheck={false}
        />
      </Field>
      {authorizer.type === "REQUEST" ? (
        <Field label="Query string" hint="One per line: name=value">
          <Textarea
            rows={2}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className="font-mono text-xs"
            spellCheck={false}
          />
        </Field>
      ) : null}
      <Field label="Path" hint="The method ARN and event use it: GET on this path of a stage named test.">
        <Input value={path} onChange={(event) => setPath(event.target.value)} className="font-mono" />
      </Field>
      {usesScopes ? (
        <Field label="Required scopes" hint="Space-separated, as a method would require them.">
          <Input value={scopes} onChange={(event) => setScopes(event.target.value)} className="font-mono" />
        </Field>
      ) : null}
      {result ? (
        <div role="status" className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-[13px]">
          <p className={result.allowed ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
            {result.allowed ? "Allowed" : `Refused with ${result.status}`} · {result.latencyMs} ms
          </p>
          {result.reason ? <p className="mt-1 font-mono text-xs text-zinc-600">reason: {result.reason}</p> : null}
          {result.principalId ? <p className="mt-1 font-mono text-xs text-zinc-600">principalId: {result.principalId}</p> : null}
          {Object.keys(result.context).length > 0 ? (
            <pre className="mt-2 max-h-48 overflow-auto text-xs text-zinc-700">{JSON.stringify(result.context, null, 2)}</pre>
          ) : null}
        </div>
      ) : null}
    </FormDialog>
  );
}
