"use client";

import { Plus, X } from "lucide-react";
import { newRowKey, type MappingRow, type ResponseRow, type TemplateRow } from "@/components/apis/method-form-state";
import { TemplateEditor } from "@/components/apis/template-editor";
import type { FieldErrors } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

// The parts of an integration API Gateway applies around a non-proxy
// backend: parameter mappings, mapping templates by content type, and
// integration responses selected by status code or Lambda error message.

export const PASSTHROUGH_OPTIONS = [
  { value: "", label: "When no template matches (default)" },
  { value: "WHEN_NO_TEMPLATES", label: "When no templates are defined" },
  { value: "NEVER", label: "Never (415 for other content types)" },
];

export const CONTENT_HANDLING_OPTIONS = [
  { value: "", label: "Pass through" },
  { value: "CONVERT_TO_TEXT", label: "Convert binary to base64 text" },
  { value: "CONVERT_TO_BINARY", label: "Convert base64 text to binary" },
];

type MappingTableProps = {
  label: string;
  description: string;
  rows: MappingRow[];
  onChange: (rows: MappingRow[]) => void;
  targetPlaceholder: string;
  sourcePlaceholder: string;
  errors: FieldErrors;
  /** Field path of the mapping record in the API's errors (`integration.requestParameters`). */
  errorPrefix: string;
};

export function MappingTable({
  label,
  description,
  rows,
  onChange,
  targetPlaceholder,
  sourcePlaceholder,
  errors,
  errorPrefix,
}: MappingTableProps) {
  const patch = (key: string, change: Partial<MappingRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <div className="flex flex-col gap-2" role="group" aria-label={label}>
      <div className="flex items-center justify-between">
        <div>
          <h4 className="text-[13px] font-medium text-zinc-800">{label}</h4>
          <p className="text-xs text-zinc-500">{description}</p>
        </div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { key: newRowKey(), target: "", source: "" }])}>
          <Plus aria-hidden className="size-3.5" />
          Add mapping
        </Button>
      </div>
      {rows.length === 0 ? <p className="text-xs text-zinc-400">None.</p> : null}
      {rows.map((row, index) => {
        const error = errors[`${errorPrefix}.${row.target.trim()}`];
        return (
          <div key={row.key} className="flex flex-col gap-1">
            <div className="grid grid-cols-[1fr_1fr_auto] items-center gap-2">
              <Input
                aria-label={`${label} ${index + 1} target`}
                value={row.target}
                onChange={(event) => patch(row.key, { target: event.target.value })}
                placeholder={targetPlaceholder}
                className="font-mono text-[13px]"
                spellCheck={false}
              />
              <Input
                aria-label={`${label} ${index + 1} source`}
                value={row.source}
                onChange={(event) => patch(row.key, { source: event.target.value })}
                placeholder={sourcePlaceholder}
                className="font-mono text-[13px]"
                spellCheck={false}
              />
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                <X aria-hidden className="size-3.5" />
              </Button>
            </div>
            <FieldError message={error} />
          </div>
        );
      })}
    </div>
  );
}

type TemplateListProps = {
  label: string;
  rows: TemplateRow[];
  onChange: (rows: TemplateRow[]) => void;
  errors: FieldErrors;
  errorPrefix: string;
};

export function TemplateList({ label, rows, onChange, errors, errorPrefix }: TemplateListProps) {
  const patch = (key: string, change: Partial<TemplateRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const nextType =
    ["application/json", "application/xml", "text/plain"].find((type) => !rows.some((row) => row.contentType === type)) ?? "";
  return (
    <div className="flex flex-col gap-3" role="group" aria-label={label}>
      <div className="flex items-center justify-between">
        <h4 className="text-[13px] font-medium text-zinc-800">{label}</h4>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onChange([...rows, { key: newRowKey(), contentType: nextType, template: "" }])}
        >
          <Plus aria-hidden className="size-3.5" />
          Add template
        </Button>
      </div>
      {rows.length === 0 ? <p className="text-xs text-zinc-400">None: the body passes as it is.</p> : null}
      {rows.map((row, index) => (
        <div key={row.key} className="flex flex-col gap-1.5 rounded-lg p-3 ring-1 ring-zinc-200 ring-inset">
          <div className="flex items-center gap-2">
            <Input
              aria-label={`${label} ${index + 1} content type`}
              value={row.contentType}
              onChange={(event) => patch(row.key, { contentType: event.target.value })}
              className="max-w-64 font-mono text-[13px]"
              spellCheck={false}
            />
            <span className="flex-1" />
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove the ${row.contentType || "new"} template`}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            >
              <X aria-hidden className="size-3.5" />
            </Button>
          </div>
          <TemplateEditor
            value={row.template}
            onChange={(template) => patch(row.key, { template })}
            ariaLabel={`${label}: ${row.contentType || "template"}`}
          />
          <FieldError message={errors[`${errorPrefix}.${row.contentType.trim()}`]} />
        </div>
      ))}
    </div>
  );
}

type ResponsesEditorProps = {
  rows: ResponseRow[];
  onChange: (rows: ResponseRow[]) => void;
  errors: FieldErrors;
  /** What selection patterns match: the backend's status code, or the Lambda error message. */
  selector: "status" | "error";
};

export function ResponsesEditor({ rows, onChange, errors, selector }: ResponsesEditorProps) {
  const patch = (key: string, change: Partial<ResponseRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const add = () =>
    onChange([
      ...rows,
      {
        key: newRowKey(),
        pattern: rows.some((row) => row.pattern === "") ? (selector === "status" ? "4\\d{2}" : ".*Error.*") : "",
        statusCode: rows.length === 0 ? "200" : "400",
        contentHandling: "",
        parameters: [],
        templates: [],
      },
    ]);
  return (
    <div className="flex flex-col gap-3" role="group" aria-label="Integration responses">
      <div className="flex items-center justify-between">
        <div>
          <h4 className="text-[13px] font-medium text-zinc-800">Integration responses</h4>
          <p className="text-xs text-zinc-500">
            {selector === "status"
              ? "Tried in order by a regular expression over the backend's status code; the one without a pattern is the default."
              : "Tried in order by a regular expression over the function's errorMessage; a successful call takes the default."}
          </p>
        </div>
        <Button variant="secondary" size="sm" onClick={add}>
          <Plus aria-hidden className="size-3.5" />
          Add response
        </Button>
      </div>
      {rows.length === 0 ? <p className="text-xs text-zinc-400">None: the backend&apos;s answer goes back as it is.</p> : null}
      {rows.map((row, index) => {
        const prefix = `integration.responses.${row.pattern.trim() === "" ? "default" : row.pattern.trim()}`;
        return (
          <div
            key={row.key}
            className="flex flex-col gap-3 rounded-lg p-3 ring-1 ring-zinc-200 ring-inset"
            aria-label={`Integration response ${index + 1}`}
            role="group"
          >
            <div className="grid gap-3 sm:grid-cols-[1fr_7rem_14rem_auto] sm:items-end">
              <Field label="Selection pattern" hint="Empty: the default response" error={errors[prefix]}>
                <Input
                  value={row.pattern}
                  onChange={(event) => patch(row.key, { pattern: event.target.value })}
                  className="font-mono text-[13px]"
                  spellCheck={false}
                />
              </Field>
              <Field label="Status" error={errors[`${prefix}.statusCode`]}>
                <Input
                  value={row.statusCode}
                  onChange={(event) => patch(row.key, { statusCode: event.target.value })}
                  inputMode="numeric"
                />
              </Field>
              <Field label="Content handling">
                <Select
                  value={row.contentHandling}
                  onChange={(event) => patch(row.key, { contentHandling: event.target.value })}
                  options={CONTENT_HANDLING_OPTIONS}
                />
              </Field>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove integration response ${index + 1}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                <X aria-hidden className="size-3.5" />
              </Button>
            </div>
            <MappingTable
              label="Response headers"
              description="method.response.header.X from integration.response.header.Y, integration.response.body.field or a 'literal'."
              rows={row.parameters}
              onChange={(parameters) => patch(row.key, { parameters })}
              targetPlaceholder="method.response.header.X-Name"
              sourcePlaceholder="integration.response.header.x-name"
              errors={errors}
              errorPrefix={`${prefix}.responseParameters`}
            />
            <TemplateList
              label="Response templates"
              rows={row.templates}
              onChange={(templates) => patch(row.key, { templates })}
              errors={errors}
              errorPrefix={`${prefix}.responseTemplates`}
            />
          </div>
        );
      })}
    </div>
  );
}
