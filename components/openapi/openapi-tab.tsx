"use client";

import { Download, History, Play } from "lucide-react";
import { useState } from "react";
import { useApiQuery } from "@/components/apis/hooks/use-apis-query";
import { pluralize } from "@/components/lib/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { useToast } from "@/components/ui/toast";
import { DocumentRejectedError } from "@/lib/openapi/problems";
import { ApplyDialog } from "./apply-dialog";
import { DraftNotice } from "./draft-notice";
import { EditorFrame } from "./editor-frame";
import { ExportDialog } from "./export-dialog";
import { EDITOR_EXPORT, useApiDocumentQuery, useImportDocumentMutation, useLastImport } from "./hooks/use-openapi-document";
import { fetchExport } from "./openapi-http";
import { summarizeReport } from "./report-summary";
import { useDocumentWorkbench } from "./use-document-workbench";
import { PermittedButton } from "@/components/auth/permitted-button";

/** The OpenAPI tab of an API: its definition as a document, edited, checked as you type, and applied back. */
export function OpenApiTab({ apiId }: { apiId: string }) {
  const toast = useToast();
  const api = useApiQuery(apiId);
  const document = useApiDocumentQuery(apiId);
  const lastImport = useLastImport(apiId);
  const importMutation = useImportDocumentMutation();
  const workbench = useDocumentWorkbench({ draftScope: `api.${apiId}`, baseline: document.data });
  const [applying, setApplying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [reverting, setReverting] = useState(false);
  const [view, setView] = useState<"resources" | "report">(lastImport.data ? "report" : "resources");

  if (document.isError) {
    return (
      <main className="flex flex-1 items-center justify-center">
        <ErrorState title="Could not load the API's OpenAPI document" error={document.error} onRetry={() => void document.refetch()} />
      </main>
    );
  }

  const preview = workbench.analysis?.preview ?? null;
  const canApply = workbench.ready && !workbench.checking && preview !== null && workbench.problems.length === 0;

  const apply = async (mode: "merge" | "overwrite", failOnWarnings: boolean) => {
    const text = workbench.getText();
    try {
      const outcome = await importMutation.mutateAsync({ text, mode, apiId, failOnWarnings });
      workbench.markSaved();
      setView("report");
      toast({ title: mode === "merge" ? "Merged into the API" : "API overwritten", description: summarizeReport(outcome.report) });
    } catch (error) {
      if (!(error instanceof DocumentRejectedError)) throw error;
      await workbench.showServerProblems(error.message, error.problems);
      toast({
        tone: "error",
        title: "The server refused the document",
        description: "The problems under the editor say where and why. Nothing was changed.",
      });
    }
  };

  // The server's report describes the text that was applied; once the text changes again, the live preview's report does.
  const applied =
    lastImport.data && !workbench.dirty
      ? { report: lastImport.data.report, at: lastImport.data.at, label: lastImport.data.mode === "new" ? "Imported" : "Applied" }
      : null;

  const revert = async () => {
    // The API may have changed since the editor opened (other tabs, scripts): take its current definition.
    const { text } = await fetchExport(apiId, EDITOR_EXPORT);
    workbench.revert(text);
    setView("resources");
  };

  return (
    <main className="flex min-h-0 flex-1 flex-col gap-3 px-6 py-5">
      <DraftNotice workbench={workbench} onDiscard={() => setReverting(true)} />
      <EditorFrame
        workbench={workbench}
        modelPath={`portico://apis/${apiId}/openapi`}
        ariaLabel="OpenAPI document"
        view={view}
        onViewChange={setView}
        applied={applied}
        actions={
          <>
            <Button size="sm" variant="ghost" icon={<Download aria-hidden className="size-3.5" />} onClick={() => setExporting(true)}>
              Export
            </Button>
            <Button
              size="sm"
              variant="ghost"
              icon={<History aria-hidden className="size-3.5" />}
              disabled={!workbench.dirty}
              onClick={() => setReverting(true)}
              title="Drop your edits and load the API's current definition"
            >
              Revert
            </Button>
            <PermittedButton
              size="sm"
              variant="primary"
              icon={<Play aria-hidden className="size-3.5" />}
              disabled={!canApply}
              title={
                canApply
                  ? "Apply the document to this API"
                  : workbench.problems.length > 0
                    ? `Fix ${pluralize(workbench.problems.length, "problem")} first`
                    : undefined
              }
              onClick={() => setApplying(true)}
            >
              Apply…
            </PermittedButton>
          </>
        }
      />
      {preview && api.data ? (
        <ApplyDialog apiId={apiId} apiName={api.data.name} preview={preview} open={applying} onOpenChange={setApplying} onApply={apply} />
      ) : null}
      <ExportDialog apiId={apiId} open={exporting} onOpenChange={setExporting} unsaved={workbench.dirty} />
      <ConfirmDialog
        open={reverting}
        onOpenChange={setReverting}
        title="Revert to the API's definition?"
        description="Your edits and the saved draft are dropped, and the editor loads the definition the API has now."
        confirmLabel="Revert"
        cancelLabel="Keep editing"
        onConfirm={revert}
      />
    </main>
  );
}
