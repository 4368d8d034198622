"use client";

import { useState, type FormEvent } from "react";

import { apiRequest, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { TryItResultDto } from "@/lib/schemas/portal";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

/**
 * Calls the API through the gateway with one of the consumer's keys. The
 * call goes through the portal's server (POST /api/v1/portal/try-it), so it
 * works whatever the API's CORS policy says.
 */
export function TryItPanel({ listingId, initialKey }: { listingId: string; initialKey: string }) {
  const [method, setMethod] = useState<Method>("GET");
  const [path, setPath] = useState("/");
  const [apiKey, setApiKey] = useState(initialKey);
  const [body, setBody] = useState("");
  const [result, setResult] = useState<TryItResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const [pathOnly, query = ""] = path.split("?", 2);
    try {
      setResult(
        await apiRequest<TryItResultDto>("/api/v1/portal/try-it", {
          method: "POST",
          body: {
            listingId,
            apiKey,
            method,
            path: pathOnly || "/",
            query,
            ...(body && method !== "GET" && method !== "HEAD" ? { body } : {}),
          },
        }),
      );
    } catch (failure) {
      setResult(null);
      setError(describeError(failure));
    }
    setPending(false);
  }

  return (
    <section aria-labelledby="try-heading" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200">
      <h2 id="try-heading" className="text-sm font-semibold text-zinc-900">
        Try it
      </h2>
      <form onSubmit={send} className="mt-3 flex flex-col gap-3">
        <FormAlert message={error} />
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Method" className="w-32">
            <Select
              value={method}
              onChange={(event) => setMethod(event.target.value as Method)}
              options={METHODS.map((value) => ({ value, label: value }))}
            />
          </Field>
          <Field label="Path" hint="After the stage, e.g. /pets?limit=5" className="min-w-64 flex-1">
            <Input value={path} onChange={(event) => setPath(event.target.value)} className="font-mono" />
          </Field>
        </div>
        <Field label="API key" hint="One of your keys; it is sent as x-api-key.">
          <Input
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        {method !== "GET" && method !== "HEAD" ? (
          <Field label="Body" aside="optional">
            <Textarea value={body} onChange={(event) => setBody(event.target.value)} rows={4} className="font-mono" />
          </Field>
        ) : null}
        <div>
          <Button type="submit" variant="primary" loading={pending}>
            Send request
          </Button>
        </div>
      </form>
      {result ? (
        <div role="status" aria-label="Response" className="mt-4 rounded-lg bg-zinc-950 p-3 font-mono text-[13px] text-zinc-100">
          <p>
            <span data-testid="try-it-status">{result.status}</span> · {result.ms} ms · {result.url}
          </p>
          <pre data-testid="try-it-body" className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap text-emerald-300">
            {result.body}
            {result.truncated ? "\n… (cut at 256 KB)" : ""}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
