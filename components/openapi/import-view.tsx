"use client";

import { FilePlus2, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TopBar } from "@/components/layout/page-header";
import { describeError } from "@/components/lib/api-client";
import { pluralize } from "@/components/lib/format";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { DocumentRejectedError } from "@/lib/openapi/problems";
import { DraftNotice } from "./draft-notice";
import { EditorFrame } from "./editor-frame";
import { useImportDocumentMutation } from "./hooks/use-openapi-document";
import { summarizeReport } from "./report-summary";
import { useDocumentWorkbench } from "./use-document-workbench";
import { PermittedButton } from "@/components/auth/permitted-button";

const PLACEHOLDER = "Paste an OpenAPI 3.0, 3.1 or Swagger 2.0 document (YAML or JSON), or upload a file.";

/** A small document showing the parts Portico reads: paths, parameters, an API key and an integration. */
const EXAMPLE_DOCUMENT = `openapi: 3.0.3
info:
  title: Pet store
  description: A first API imported from OpenAPI.
  version: "1.0"
paths:
  /pets:
    get:
      summary: List pets
      responses:
        "200":
          description: All pets
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
  /pets/{petId}:
    get:
      summary: Read a pet
      parameters:
        - name: petId
          in: path
          required: true
          schema:
            type: string
      security:
        - api_key: []
      responses:
        "200":
          description: One pet
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: http://127.0.0.1:9000/pets/{petId}
        requestParameters:
          integration.request.path.petId: method.request.path.petId
components:
  securitySchemes:
    api_key:
      type: apiKey
      name: x-api-key
      in: header
`;

/** "Import OpenAPI": a document becomes a new API, checked as you type before anything is created. */
export function ImportView() {
  const router = useRouter();
  const toast = useToast();
  const importMutation = useImportDocumentMutation();
  const workbench = useDocumentWorkbench({ draftScope: "import", baseline: "" });
  const [view, setView] = useState<"resources" | "report">("resources");
  const [failOnWarnings, setFailOnWarnings] = useState(false);
  const preview = workbench.analysis?.preview ?? null;
  const canCreate = workbench.ready && !workbench.checking && !workbench.empty && preview !== null && workbench.problems.length === 0;

  const create = async () => {
    try {
      const outcome = await importMutation.mutateAsync({ text: workbench.getText(), mode: "new", failOnWarnings });
      workbench.markSaved();
      toast({ title: `Created ${outcome.api.name}`, description: summarizeReport(outcome.report) });
      router.push(`/apis/${encodeURIComponent(outcome.api.id)}/openapi`);
    } catch (error) {
      if (error instanceof DocumentRejectedError) {
        await workbench.showServerProblems(error.message, error.problems);
        toast({
          tone: "error",
          title: "The server refused the document",
          description: "The problems under the editor say where and why. No API was created.",
        });
      } else {
        toast({ tone: "error", title: "Could not create the API", description: describeError(error) });
      }
    }
  };

  return (
    <>
      <TopBar crumbs={[{ label: "APIs", href: "/apis" }, { label: "Import OpenAPI" }]} />
      <main className="flex min-h-0 flex-1 flex-col gap-3 px-6 py-5">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Import OpenAPI</h1>
          <p className="mt-1 text-sm text-zinc-500">
            Create an API from an OpenAPI or Swagger document. Paths become resources, operations become methods, and
            <code className="mx-1 font-mono text-[13px]">x-amazon-apigateway-*</code>extensions are honoured; the report lists how each
            feature is handled.
          </p>
        </div>
        <DraftNotice workbench={workbench} onDiscard={() => workbench.revert("")} />
        <EditorFrame
          workbench={workbench}
          modelPath="portico://import/openapi"
          ariaLabel="OpenAPI document to import"
          placeholder={PLACEHOLDER}
          view={view}
          onViewChange={setView}
          applied={null}
          height="h-[calc(100vh-13rem)]"
          actions={
            <>
              {workbench.empty ? (
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<Sparkles aria-hidden className="size-3.5" />}
                  onClick={() => workbench.replaceText(EXAMPLE_DOCUMENT)}
                >
                  Start from an example
                </Button>
              ) : null}
              <label
                className="flex items-center gap-1.5 text-[13px] text-zinc-600"
                title="As AWS's failonwarnings: with warnings (parts the import would skip), create nothing and list them as problems."
              >
                <input type="checkbox" checked={failOnWarnings} onChange={(event) => setFailOnWarnings(event.target.checked)} />
                Fail on warnings
              </label>
              <PermittedButton
                size="sm"
                variant="primary"
                icon={<FilePlus2 aria-hidden className="size-3.5" />}
                disabled={!canCreate}
                loading={importMutation.isPending}
                title={workbench.problems.length > 0 ? `Fix ${pluralize(workbench.problems.length, "problem")} first` : undefined}
                onClick={() => void create()}
              >
                Create API
              </PermittedButton>
            </>
          }
        />
      </main>
    </>
  );
}
