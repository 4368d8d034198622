"use client";

import { AlignLeft, CheckCircle2, Loader2, Upload, XCircle } from "lucide-react";
import { useCallback, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/lib/cn";
import { pluralize } from "@/components/lib/format";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { DocumentFormat } from "./document-format";
import type { DocumentWorkbench } from "./use-document-workbench";

/** The server's limit on import bodies: larger files are refused before they are read. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const FORMATS: Array<{ value: DocumentFormat; label: string }> = [
  { value: "yaml", label: "YAML" },
  { value: "json", label: "JSON" },
];

export type FormatCommand = ReturnType<typeof useFormatCommand>;

/** Format and YAML/JSON conversion, with a message when the text does not parse; shared by the toolbar and the keyboard shortcut. */
export function useFormatCommand(workbench: DocumentWorkbench) {
  const toast = useToast();
  const [busy, setBusy] = useState<"format" | "convert" | null>(null);
  const { formatAs } = workbench;
  const run = useCallback(
    async (kind: "format" | "convert", target: DocumentFormat) => {
      setBusy(kind);
      try {
        await formatAs(target);
      } catch (error) {
        toast({
          tone: "error",
          title: kind === "format" ? "Could not format the document" : `Could not convert the document to ${target.toUpperCase()}`,
          description: `${error instanceof Error ? error.message : String(error)} Fix the syntax error first; the problems list shows where it is.`,
        });
      } finally {
        setBusy(null);
      }
    },
    [formatAs, toast],
  );
  return { busy, run };
}

export function EditorToolbar({
  workbench,
  command,
  children,
}: {
  workbench: DocumentWorkbench;
  command: FormatCommand;
  children?: ReactNode;
}) {
  const toast = useToast();
  const fileInput = useRef<HTMLInputElement>(null);
  const { busy, run } = command;
  const disabled = !workbench.ready;

  const upload = async (file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) {
      toast({
        tone: "error",
        title: "The file is too large",
        description: `${file.name} is over 20 MB, the most Portico imports. Split the document or remove unused parts.`,
      });
      return;
    }
    workbench.replaceText(await file.text());
    toast({ title: `Loaded ${file.name}`, description: "The editor now holds the file. Undo (Ctrl+Z) brings back what was there." });
  };

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-3 py-2">
      <div role="group" aria-label="Document format" className="inline-flex rounded-md bg-zinc-100 p-0.5">
        {FORMATS.map((option) => {
          const active = workbench.format === option.value;
          return (
            <button
              key={option.value}
              type="button"
              aria-pressed={active}
              disabled={disabled || busy !== null}
              title={active ? undefined : `Convert the document to ${option.label}`}
              onClick={() => {
                if (!active) void run("convert", option.value);
              }}
              className={cn(
                "h-6 rounded px-2.5 text-[12px] font-medium transition-colors disabled:cursor-not-allowed",
                active ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200" : "text-zinc-500 hover:text-zinc-900",
              )}
            >
              {option.label}
            </button>
          );
        })}
      </div>
      <Button
        size="sm"
        variant="ghost"
        icon={<AlignLeft aria-hidden className="size-3.5" />}
        loading={busy === "format"}
        disabled={disabled || busy !== null || workbench.empty}
        onClick={() => void run("format", workbench.format)}
        title="Format the document (Shift+Alt+F)"
      >
        Format
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Upload aria-hidden className="size-3.5" />}
        disabled={disabled}
        onClick={() => fileInput.current?.click()}
      >
        Upload file
      </Button>
      <input
        ref={fileInput}
        type="file"
        aria-label="Upload an OpenAPI file"
        accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void upload(file);
        }}
      />
      <div className="ml-auto flex items-center gap-2">
        <CheckStatus workbench={workbench} />
        {children}
      </div>
    </div>
  );
}

function CheckStatus({ workbench }: { workbench: DocumentWorkbench }) {
  const { analysis, checking, problems, empty, ready } = workbench;
  let content: ReactNode;
  if (!ready || empty) content = null;
  else if (checking || !analysis)
    content = (
      <>
        <Loader2 aria-hidden className="size-3.5 animate-spin text-zinc-400" /> Checking…
      </>
    );
  else if (problems.length > 0)
    content = (
      <>
        <XCircle aria-hidden className="size-3.5 text-red-500" /> {pluralize(problems.length, "problem")}
      </>
    );
  else
    content = (
      <>
        <CheckCircle2 aria-hidden className="size-3.5 text-emerald-600" /> Valid{" "}
        {analysis.preview ? (analysis.preview.specVersion === "2.0" ? "Swagger 2.0" : `OpenAPI ${analysis.preview.specVersion}`) : ""}
      </>
    );
  return (
    <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5 pr-1 text-[12px] text-zinc-500">
      {content}
    </span>
  );
}
