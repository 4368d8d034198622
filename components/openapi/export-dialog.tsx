"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog, useDialogAction } from "@/components/ui/form-dialog";
import { Select } from "@/components/ui/select";
import { fetchExport, type ExportSelection } from "./openapi-http";

const VERSION_OPTIONS = [
  { value: "oas30", label: "OpenAPI 3.0" },
  { value: "oas31", label: "OpenAPI 3.1" },
  { value: "swagger2", label: "Swagger 2.0" },
];
const TYPE_OPTIONS = [
  { value: "yaml", label: "YAML" },
  { value: "json", label: "JSON" },
];

/** Downloads the API's saved definition in the chosen version and format. */
export function ExportDialog({
  apiId,
  open,
  onOpenChange,
  unsaved,
}: {
  apiId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  unsaved: boolean;
}) {
  const [selection, setSelection] = useState<ExportSelection>({ format: "oas30", extensions: "aws", type: "yaml" });
  const action = useDialogAction();

  const download = () =>
    action.run(async () => {
      const { text, filename } = await fetchExport(apiId, selection);
      const url = URL.createObjectURL(new Blob([text], { type: selection.type === "json" ? "application/json" : "application/yaml" }));
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = filename;
      anchor.click();
      // The click has started the download; the object URL is no longer needed.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      onOpenChange(false);
    });

  return (
    <FormDialog
      open={open}
      onClose={() => {
        action.reset();
        onOpenChange(false);
      }}
      title="Export the API"
      description="Download the definition saved in Portico as an OpenAPI or Swagger document."
      size="sm"
      submitLabel="Download"
      submitIcon={<Download aria-hidden className="size-4" />}
      pending={action.pending}
      error={action.error}
      onSubmit={() => void download()}
    >
      {unsaved ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-800 ring-1 ring-amber-200/70 ring-inset">
          The editor has edits that are not applied yet; the export does not include them. Apply first to export them.
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Version">
          <Select
            options={VERSION_OPTIONS}
            value={selection.format}
            onChange={(event) => setSelection((current) => ({ ...current, format: event.target.value as ExportSelection["format"] }))}
          />
        </Field>
        <Field label="Format">
          <Select
            options={TYPE_OPTIONS}
            value={selection.type}
            onChange={(event) => setSelection((current) => ({ ...current, type: event.target.value as ExportSelection["type"] }))}
          />
        </Field>
      </div>
      <label className="flex items-start gap-2.5 text-[13px] text-zinc-700">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-zinc-900"
          checked={selection.extensions === "aws"}
          onChange={(event) => setSelection((current) => ({ ...current, extensions: event.target.checked ? "aws" : "none" }))}
        />
        <span>
          Include the API Gateway extensions
          <span className="block text-[12px] text-zinc-500">
            <code className="font-mono">x-amazon-apigateway-*</code>: integrations, validators and CORS, so that Portico or AWS can import
            the file with its behaviour. Leave them out for documentation tools.
          </span>
        </span>
      </label>
    </FormDialog>
  );
}
