"use client";

import { useMutation } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import { useState } from "react";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { useStagesQuery } from "@/components/stages/hooks/use-stages-query";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { MethodTestInvokeBody, MethodTestInvokeResult } from "@/lib/schemas/method-test-invoke";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

type Props = { apiId: string; resourceId: string; httpMethod: string; path: string; dirty: boolean };

/** A sample path for a resource: each {param} shown as a value to edit. */
function samplePath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_, name: string) => name);
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const index = line.indexOf(":");
    if (index > 0) headers[line.slice(0, index).trim()] = line.slice(index + 1).trim();
  }
  return headers;
}

/**
 * API Gateway's test invoke: a request through the method as saved, deployed
 * nowhere and without authorization, showing the integration request, the
 * backend's answer, the integration response chosen and the final response.
 */
export function IntegrationTestPanel({ apiId, resourceId, httpMethod, path, dirty }: Props) {
  const [method, setMethod] = useState<string>(httpMethod === "ANY" ? "GET" : httpMethod);
  const [requestPath, setRequestPath] = useState(() => samplePath(path));
  const [headers, setHeaders] = useState("content-type: application/json");
  const [body, setBody] = useState("");
  const [stageName, setStageName] = useState("");
  const stages = useStagesQuery(apiId);
  const mutation = useMutation({
    mutationFn: (input: Partial<MethodTestInvokeBody>) =>
      apiRequest<{ result: MethodTestInvokeResult }>(
        `/api/v1/apis/${encodeURIComponent(apiId)}/resources/${encodeURIComponent(resourceId)}/methods/${encodeURIComponent(httpMethod)}/test-invoke`,
        { method: "POST", body: input },
      ).then((answer) => answer.result),
  });

  function send() {
    mutation.mutate({
      method: method as MethodTestInvokeBody["method"],
      path: requestPath.startsWith("/") ? requestPath : `/${requestPath}`,
      headers: parseHeaders(headers),
      ...(body !== "" ? { body } : {}),
      ...(stageName !== "" ? { stageName } : {}),
    });
  }

  const result = mutation.data;
  return (
    <details className="rounded-lg ring-1 ring-zinc-200 ring-inset" aria-label="Test the integration">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-[13px] font-medium text-zinc-800">
        <FlaskConical aria-hidden className="size-4 text-zinc-500" />
        Test
        <span className="font-normal text-zinc-500">
          — a request through this method as saved, without deploying it and without authorization
        </span>
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-100 p-3">
        {dirty ? <p className="text-xs text-amber-700">Save your changes first: the test runs the saved method.</p> : null}
        <div className="grid gap-3 sm:grid-cols-[8rem_1fr_12rem]">
          <Field label="Method">
            <Select
              value={method}
              onChange={(event) => setMethod(event.target.value)}
              disabled={httpMethod !== "ANY"}
              options={METHODS.map((verb) => ({ value: verb, label: verb }))}
            />
          </Field>
          <Field label="Path and query" hint="Inside the stage, e.g. /pets/1?limit=2">
            <Input value={requestPath} onChange={(event) => setRequestPath(event.target.value)} className="font-mono" spellCheck={false} />
          </Field>
          <Field label="Stage variables from">
            <Select
              value={stageName}
              onChange={(event) => setStageName(event.target.value)}
              options={[{ value: "", label: "None" }, ...(stages.data ?? []).map((stage) => ({ value: stage.name, label: stage.name }))]}
            />
          </Field>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          <Field label="Headers" hint="One Name: value per line">
            <Textarea
              value={headers}
              onChange={(event) => setHeaders(event.target.value)}
              rows={4}
              className="font-mono text-[12px]"
              spellCheck={false}
            />
          </Field>
          <Field label="Body">
            <Textarea
              value={body}
              onChange={(event) => setBody(event.target.value)}
              rows={4}
              className="font-mono text-[12px]"
              spellCheck={false}
            />
          </Field>
        </div>
        <div>
          <Button variant="secondary" size="sm" onClick={send} loading={mutation.isPending} disabled={dirty}>
            Run test
          </Button>
        </div>
        {mutation.isError ? <FormAlert message={describeError(mutation.error)} /> : null}
        {result ? (
          <div className="flex flex-col gap-2" data-testid="method-test-result">
            <p className="text-[13px] text-zinc-700">
              Status <strong data-testid="method-test-status">{result.response.status}</strong> in {result.latencyMs} ms on {result.node}
            </p>
            <ol className="flex flex-col gap-2" aria-label="Integration steps">
              {result.steps.map((step, index) => (
                <li key={index} className="rounded-md bg-zinc-50 px-3 py-2 ring-1 ring-zinc-200 ring-inset">
                  <div className="flex justify-between text-[12px] font-medium text-zinc-800">
                    <span className="capitalize">{step.step}</span>
                    <span className="font-normal text-zinc-500">{step.atMs} ms</span>
                  </div>
                  <pre className="mt-1 max-h-48 overflow-auto font-mono text-[11px] whitespace-pre-wrap text-zinc-700">
                    {JSON.stringify(step.detail, null, 2)}
                  </pre>
                </li>
              ))}
              <li className="rounded-md bg-white px-3 py-2 ring-1 ring-zinc-200 ring-inset">
                <div className="text-[12px] font-medium text-zinc-800">Method response</div>
                <pre className="mt-1 max-h-32 overflow-auto font-mono text-[11px] text-zinc-600">
                  {Object.entries(result.response.headers)
                    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(", ") : value}`)
                    .join("\n")}
                </pre>
                <pre
                  data-testid="method-test-body"
                  className="mt-1 max-h-64 overflow-auto font-mono text-[12px] whitespace-pre-wrap text-zinc-800"
                >
                  {result.response.base64 ? `(binary, base64) ${result.response.body}` : result.response.body}
                </pre>
              </li>
            </ol>
          </div>
        ) : null}
      </div>
    </details>
  );
}
