"use client";

import { useState } from "react";

import { describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Textarea } from "@/components/ui/input";

import { useTestInvokeMutation } from "./hooks/use-stages-query";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

/** Sends a request through the real gateway to this stage and shows what came back. */
export function TestPanel({ apiId, stage }: { apiId: string; stage: string }) {
  const [method, setMethod] = useState<Method>("GET");
  const [path, setPath] = useState("/");
  const [headers, setHeaders] = useState("");
  const [body, setBody] = useState("");
  const mutation = useTestInvokeMutation(apiId);

  function send() {
    const headerRecord: Record<string, string> = {};
    for (const line of headers.split("\n")) {
      const index = line.indexOf(":");
      if (index > 0) headerRecord[line.slice(0, index).trim()] = line.slice(index + 1).trim();
    }
    mutation.mutate({
      stage,
      input: { method, path: path.startsWith("/") ? path : `/${path}`, headers: headerRecord, body: body === "" ? undefined : body },
    });
  }

  const result = mutation.data;
  return (
    <section aria-label={`Test ${stage}`} className="space-y-2">
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <select
          aria-label="Test method"
          value={method}
          onChange={(event) => setMethod(event.target.value as Method)}
          className="h-9 rounded-md bg-white px-2 text-sm ring-1 ring-zinc-200 ring-inset"
        >
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <Input aria-label="Test path" value={path} onChange={(event) => setPath(event.target.value)} className="font-mono" />
        <Button type="submit" variant="secondary" loading={mutation.isPending}>
          Send
        </Button>
      </form>
      <details className="text-[13px] text-zinc-600">
        <summary className="cursor-pointer">Headers and body</summary>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <Textarea
            aria-label="Test headers"
            placeholder={"x-api-key: …\ncontent-type: application/json"}
            value={headers}
            onChange={(event) => setHeaders(event.target.value)}
            className="font-mono text-[12px]"
          />
          <Textarea
            aria-label="Test body"
            placeholder="{}"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            className="font-mono text-[12px]"
          />
        </div>
      </details>
      {mutation.isError ? <FormAlert message={describeError(mutation.error)} /> : null}
      {result ? (
        <div className="rounded-lg ring-1 ring-zinc-200" data-testid="test-result">
          <div className="flex items-center justify-between border-b border-zinc-100 px-3 py-1.5 text-[13px]">
            <span>
              Status <strong data-testid="test-status">{result.status}</strong>
            </span>
            <span className="text-zinc-500">{result.latencyMs} ms</span>
          </div>
          <pre className="max-h-32 overflow-auto border-b border-zinc-100 px-3 py-2 font-mono text-[11px] text-zinc-600">
            {Object.entries(result.headers)
              .map(([name, value]) => `${name}: ${value}`)
              .join("\n")}
          </pre>
          <pre data-testid="test-body" className="max-h-64 overflow-auto px-3 py-2 font-mono text-[12px] text-zinc-800">
            {result.body}
            {result.truncated ? "\n… (truncated)" : ""}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
