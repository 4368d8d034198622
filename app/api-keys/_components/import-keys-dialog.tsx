"use client";

import { useState } from "react";

import { useImportApiKeysMutation, type ImportOutcome } from "@/components/api-keys/hooks/use-api-keys-query";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Textarea } from "@/components/ui/input";

const EXAMPLE = "name,key,description,enabled,usageplanIds\nPartner A,<key of 20+ characters>,Imported,true,<plan id>";

export function ImportKeysDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const mutation = useImportApiKeysMutation();
  const [csv, setCsv] = useState("");
  const [allOrNothing, setAllOrNothing] = useState(true);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const { formError, reset, fail } = useFormErrors();

  function close() {
    setCsv("");
    setOutcome(null);
    reset();
    onOpenChange(false);
  }

  async function submit() {
    reset();
    setOutcome(null);
    try {
      setOutcome(await mutation.mutateAsync({ csv, failOnWarnings: allOrNothing }));
    } catch (error) {
      fail(error, { fallback: "Could not import the keys." });
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      size="lg"
      title="Import API keys"
      description="CSV as API Gateway exports it: name, key, description, enabled, usageplanIds. Keys are hashed on arrival; the file is not kept."
      submitLabel="Import"
      submitDisabled={csv.trim() === ""}
      cancelLabel="Close"
      pending={mutation.isPending}
      error={formError}
      onSubmit={() => void submit()}
    >
      <Field label="CSV file">
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          className="text-[13px]"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
      </Field>
      <Field label="Or paste the CSV">
        <Textarea
          value={csv}
          onChange={(event) => setCsv(event.target.value)}
          rows={6}
          placeholder={EXAMPLE}
          className="font-mono text-xs"
        />
      </Field>
      <label className="flex items-center gap-2 text-[13px] text-zinc-700">
        <input type="checkbox" checked={allOrNothing} onChange={(event) => setAllOrNothing(event.target.checked)} />
        Import nothing if any line is rejected
      </label>
      {outcome ? <ImportReport outcome={outcome} /> : null}
    </FormDialog>
  );
}

function ImportReport({ outcome }: { outcome: ImportOutcome }) {
  const lines = outcome.ok
    ? outcome.result.lines.map((line) => ({
        line: `line ${line.line}`,
        ok: line.status === "imported",
        message: line.message ?? `imported as ${line.displayPrefix ?? ""}…`,
      }))
    : outcome.lines.map((line) => ({ line: line.line, ok: false, message: line.message }));
  return (
    <section aria-label="Import report" className="flex flex-col gap-2">
      <p role="status" className="text-[13px] font-medium text-zinc-800">
        {outcome.ok ? `${outcome.result.imported} imported, ${outcome.result.rejected} rejected.` : outcome.message}
      </p>
      <ul className="max-h-56 overflow-y-auto rounded-md text-[13px] ring-1 ring-zinc-200 ring-inset">
        {lines.map((line) => (
          <li key={line.line} className="flex items-start gap-2 border-b border-zinc-100 px-3 py-1.5 last:border-0">
            <span className="w-16 shrink-0 font-mono text-xs text-zinc-500">{line.line}</span>
            <Badge tone={line.ok ? "green" : "red"}>{line.ok ? "Imported" : "Rejected"}</Badge>
            <span className="text-zinc-700">{line.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
