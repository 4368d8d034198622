"use client";

import { useState } from "react";
import { useModelsQuery } from "@/components/apis/hooks/use-models-query";
import { useResourcesQuery } from "@/components/apis/hooks/use-resources-query";
import { cn } from "@/components/lib/cn";
import { pluralize } from "@/components/lib/format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DocumentPreview } from "./analysis";
import type { ImportMode } from "./openapi-http";
import { overwriteLosses } from "./preview-tree";

type ApplyMode = Extract<ImportMode, "merge" | "overwrite">;

const MODES: Array<{ value: ApplyMode; label: string; description: string }> = [
  {
    value: "merge",
    label: "Merge into this API",
    description: "Adds the document's resources and methods, replacing those with the same path and verb. Everything else stays.",
  },
  {
    value: "overwrite",
    label: "Overwrite this API",
    description: "Makes the API exactly the document: resources, methods and models it does not define are deleted.",
  },
];

const LISTED = 6;

export function ApplyDialog({
  apiId,
  apiName,
  preview,
  open,
  onOpenChange,
  onApply,
}: {
  apiId: string;
  apiName: string;
  preview: DocumentPreview;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onApply: (mode: ApplyMode, failOnWarnings: boolean) => Promise<unknown>;
}) {
  const [mode, setMode] = useState<ApplyMode>("merge");
  const [failOnWarnings, setFailOnWarnings] = useState(false);
  const resources = useResourcesQuery(apiId);
  const models = useModelsQuery(apiId);
  const losses = overwriteLosses(resources.data ?? [], preview.resources);
  const lostModels = (models.data ?? []).map((model) => model.name).filter((name) => !preview.models.includes(name));
  const renamed = preview.title !== apiName;

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setMode("merge");
        onOpenChange(next);
      }}
      title="Apply the document"
      description={`${pluralize(preview.resources.length, "path")} and ${pluralize(
        preview.resources.reduce((count, resource) => count + resource.methods.length, 0),
        "method",
      )} from the document go into ${apiName}.`}
      confirmLabel={mode === "merge" ? "Merge into API" : "Overwrite API"}
      tone={mode === "overwrite" ? "danger" : "default"}
      onConfirm={() => onApply(mode, failOnWarnings)}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">How to apply</legend>
        {MODES.map((option) => (
          <label
            key={option.value}
            className={cn(
              "flex cursor-pointer items-start gap-3 rounded-lg px-3 py-2.5 ring-1 transition-colors ring-inset",
              mode === option.value ? "bg-zinc-50 ring-zinc-900" : "ring-zinc-200 hover:ring-zinc-300",
            )}
          >
            <input
              type="radio"
              name="apply-mode"
              value={option.value}
              checked={mode === option.value}
              onChange={() => setMode(option.value)}
              className="mt-0.5 size-4 accent-zinc-900"
            />
            <span>
              <span className="block text-[13px] font-medium text-zinc-900">{option.label}</span>
              <span className="block text-[12.5px] text-zinc-500">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-[13px] text-zinc-600">
        <input type="checkbox" checked={failOnWarnings} onChange={(event) => setFailOnWarnings(event.target.checked)} />
        Fail on warnings: change nothing if the import would skip part of the document
      </label>
      {mode === "overwrite" ? (
        <div
          role="note"
          aria-label="What overwrite removes"
          className="rounded-md bg-red-50 px-3 py-2.5 text-[13px] text-red-800 ring-1 ring-red-100 ring-inset"
        >
          {resources.isPending || models.isPending ? (
            "Working out what overwrite removes…"
          ) : losses.resources.length === 0 && losses.methods.length === 0 && lostModels.length === 0 && !renamed ? (
            "Nothing is removed: the document defines everything the API has."
          ) : (
            <ul className="flex list-disc flex-col gap-1 pl-4">
              {losses.resources.length > 0 ? (
                <li>
                  Deletes {pluralize(losses.resources.length, "resource")} the document does not define:{" "}
                  <Listing items={losses.resources} />
                </li>
              ) : null}
              {losses.methods.length > 0 ? (
                <li>
                  Deletes {pluralize(losses.methods.length, "method")} with their integrations: <Listing items={losses.methods} />
                </li>
              ) : null}
              {lostModels.length > 0 ? (
                <li>
                  Deletes {pluralize(lostModels.length, "model")}: <Listing items={lostModels} />
                </li>
              ) : null}
              {renamed ? (
                <li>
                  Renames the API to <span className="font-medium">{preview.title}</span> (the document&apos;s title).
                </li>
              ) : null}
            </ul>
          )}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

function Listing({ items }: { items: string[] }) {
  const shown = items.slice(0, LISTED);
  return (
    <>
      {shown.map((item, index) => (
        <span key={item}>
          <code className="font-mono text-[12px]">{item}</code>
          {index < shown.length - 1 ? ", " : ""}
        </span>
      ))}
      {items.length > LISTED ? ` and ${items.length - LISTED} more` : ""}.
    </>
  );
}
