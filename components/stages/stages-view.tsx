"use client";

import { Rocket, Settings2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { formatDateTime } from "@/components/lib/format";
import { describeError } from "@/components/lib/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { FormAlert } from "@/components/ui/form-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { DeploymentDto } from "@/lib/schemas/deployment";
import type { StageDto } from "@/lib/schemas/stage";

import { DeployDialog } from "./deploy-dialog";
import { DiffView } from "./diff-view";
import {
  useDeploymentsQuery,
  useDiffQuery,
  useDiscardCanaryMutation,
  usePromoteCanaryMutation,
  usePromoteMutation,
  usePushStageMutation,
  useRollbackMutation,
  useStageDiffQuery,
  useStagesQuery,
} from "./hooks/use-stages-query";
import { StageActionDialog, type StageAction } from "./promote-dialog";
import { StageSettingsDialog } from "./stage-settings-dialog";
import { TestPanel } from "./test-panel";
import { PermittedButton } from "@/components/auth/permitted-button";

const short = (id: string) => (id.length > 10 ? id.slice(-8) : id);

/** The stages of an API: what each serves, deploy, promote, roll back, canary, test, history and diffs. */
export function StagesView({ apiId }: { apiId: string }) {
  const stages = useStagesQuery(apiId);
  const deployments = useDeploymentsQuery(apiId);
  const [deploying, setDeploying] = useState<{ stage?: string } | null>(null);
  const [action, setAction] = useState<StageAction | null>(null);
  const [settings, setSettings] = useState<StageDto | null>(null);
  const promote = usePromoteMutation(apiId);
  const rollback = useRollbackMutation(apiId);

  async function run(next: StageAction) {
    const result =
      next.kind === "promote"
        ? await promote.mutateAsync({ from: next.from.name, to: next.to })
        : await rollback.mutateAsync({ stage: next.stage.name, deploymentId: next.deploymentId });
    return result.nodes;
  }

  if (stages.isError)
    return <ErrorState title="Could not load the stages" error={stages.error} onRetry={() => void stages.refetch()} className="m-6" />;
  const items = stages.data ?? [];

  return (
    <main className="mx-auto w-full max-w-5xl space-y-6 px-6 py-6">
      <div className="flex items-center justify-between">
        <h2 className="text-[15px] font-semibold text-zinc-900">Stages</h2>
        <PermittedButton
          variant="primary"
          icon={<Rocket aria-hidden className="size-4" />}
          onClick={() => setDeploying({})}
          disabled={stages.isPending}
        >
          Deploy
        </PermittedButton>
      </div>
      {stages.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<Rocket className="size-5" />}
          title="Not deployed yet"
          description="Deploy the API to a stage such as dev to serve it through the gateway."
          action={
            <PermittedButton variant="primary" onClick={() => setDeploying({})}>
              Deploy to a new stage
            </PermittedButton>
          }
        />
      ) : (
        <div className="space-y-4">
          {items.map((stage) => (
            <StageCard
              key={stage.name}
              apiId={apiId}
              stage={stage}
              stages={items}
              onDeploy={() => setDeploying({ stage: stage.name })}
              onPromote={(to) =>
                setAction({
                  kind: "promote",
                  from: stage,
                  to,
                  toDeploymentId: items.find((other) => other.name === to)?.deploymentId ?? null,
                })
              }
              onSettings={() => setSettings(stage)}
            />
          ))}
        </div>
      )}
      <History
        apiId={apiId}
        stages={items}
        deployments={deployments.data ?? []}
        onRollback={(stage, deploymentId) => setAction({ kind: "rollback", stage, deploymentId })}
      />
      {deploying !== null ? (
        <DeployDialog
          apiId={apiId}
          stages={items}
          open
          onOpenChange={(open) => (open ? undefined : setDeploying(null))}
          initialStage={deploying.stage}
        />
      ) : null}
      <StageActionDialog apiId={apiId} action={action} onClose={() => setAction(null)} run={run} />
      {settings !== null ? (
        <StageSettingsDialog key={settings.name} apiId={apiId} stage={settings} onClose={() => setSettings(null)} />
      ) : null}
    </main>
  );
}

function StageCard({
  apiId,
  stage,
  stages,
  onDeploy,
  onPromote,
  onSettings,
}: {
  apiId: string;
  stage: StageDto;
  stages: StageDto[];
  onDeploy: () => void;
  onPromote: (to: string) => void;
  onSettings: () => void;
}) {
  const [showDiff, setShowDiff] = useState(false);
  const [testing, setTesting] = useState(false);
  const diff = useStageDiffQuery(apiId, stage.name, showDiff);
  const promoteCanary = usePromoteCanaryMutation(apiId);
  const discardCanary = useDiscardCanaryMutation(apiId);
  const pushAgain = usePushStageMutation(apiId);
  const toast = useToast();
  const targets = stages.filter((other) => other.name !== stage.name).map((other) => other.name);
  if (!targets.includes("prod") && stage.name !== "prod") targets.push("prod");
  const curl = `curl -i ${stage.invokeUrl}/`;

  async function canaryAction(kind: "promote" | "discard") {
    try {
      const result = kind === "promote" ? await promoteCanary.mutateAsync(stage.name) : await discardCanary.mutateAsync(stage.name);
      const failed = result.nodes.filter((node) => node.status !== "applied").length;
      toast({
        title: kind === "promote" ? "Canary promoted" : "Canary discarded",
        description: failed ? `${failed} node(s) did not acknowledge.` : undefined,
        tone: failed ? "error" : "success",
      });
    } catch (error) {
      toast({ title: "The canary could not be changed", description: describeError(error), tone: "error" });
    }
  }

  async function push() {
    try {
      const result = await pushAgain.mutateAsync(stage.name);
      const failed = result.nodes.filter((node) => node.status !== "applied");
      toast(
        failed.length === 0
          ? { title: `Every node serves ${stage.name}`, description: `${result.nodes.length} node(s) acknowledged.` }
          : {
              title: `${failed.length} node(s) did not acknowledge`,
              description: failed.map((node) => `${node.name}: ${node.error ?? node.status}`).join("; "),
              tone: "error",
            },
      );
    } catch (error) {
      toast({ title: "The push failed", description: describeError(error), tone: "error" });
    }
  }

  return (
    <section aria-label={`Stage ${stage.name}`} data-stage={stage.name} className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 className="flex items-center gap-2 text-[15px] font-semibold text-zinc-900">
            {stage.name}
            {stage.protected ? (
              <span title="Only admins can deploy to or change this stage">
                <Badge tone="violet">Protected</Badge>
              </span>
            ) : null}
            {stage.undeployedChanges === true ? (
              <button type="button" onClick={() => setShowDiff((v) => !v)} className="cursor-pointer">
                <Badge tone="amber">Undeployed changes</Badge>
              </button>
            ) : stage.undeployedChanges === null ? (
              <Badge tone="red">Current definition cannot be deployed</Badge>
            ) : (
              <Badge tone="green">Up to date</Badge>
            )}
          </h3>
          <p className="text-[13px] text-zinc-500">
            Deployment{" "}
            <code className="font-mono text-zinc-700" data-testid="stage-deployment">
              {stage.deploymentId}
            </code>{" "}
            · hash <code className="font-mono">{stage.deploymentHash.slice(0, 12)}</code>
          </p>
          <p className="flex items-center gap-1 text-[13px] text-zinc-600">
            <code className="truncate font-mono" data-testid="invoke-url">
              {stage.invokeUrl}
            </code>
            <CopyButton value={stage.invokeUrl} label="Copy invoke URL" />
            <span className="ml-2 text-zinc-400">curl</span>
            <CopyButton value={curl} label="Copy curl example" />
          </p>
          <p className="flex gap-3 text-[13px]">
            <Link href={`/apis/${stage.apiId}/traffic?stage=${encodeURIComponent(stage.name)}`} className="text-accent-600 hover:underline">
              Traffic
            </Link>
            <Link
              href={`/apis/${stage.apiId}/stages/${encodeURIComponent(stage.name)}/requests`}
              className="text-accent-600 hover:underline"
            >
              Recent requests
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <PermittedButton stage={stage} action="changeStage" size="sm" onClick={onDeploy}>
            Deploy here
          </PermittedButton>
          {targets.map((to) => (
            <PermittedButton
              key={to}
              size="sm"
              action="changeStage"
              stage={stages.find((other) => other.name === to) ?? { name: to, protected: false }}
              onClick={() => onPromote(to)}
            >
              Promote to {to}
            </PermittedButton>
          ))}
          <PermittedButton
            stage={stage}
            action="changeStage"
            size="sm"
            variant="ghost"
            icon={<Settings2 aria-hidden className="size-3.5" />}
            onClick={onSettings}
          >
            Settings
          </PermittedButton>
          <PermittedButton
            stage={stage}
            action="changeStage"
            size="sm"
            variant="ghost"
            onClick={() => void push()}
            loading={pushAgain.isPending}
          >
            Push again
          </PermittedButton>
          <Button size="sm" variant="ghost" onClick={() => setTesting((v) => !v)}>
            {testing ? "Hide test" : "Test"}
          </Button>
        </div>
      </div>
      {Object.keys(stage.variables).length > 0 || stage.throttle ? (
        <p className="mt-2 text-[12px] text-zinc-500">
          {Object.entries(stage.variables)
            .map(([name, value]) => `${name}=${value}`)
            .join(" · ")}
          {stage.throttle ? ` · throttle ${stage.throttle.rateLimit}/s, burst ${stage.throttle.burstLimit}` : ""}
        </p>
      ) : null}
      {stage.canary ? (
        <div
          className="mt-3 flex flex-wrap items-center justify-between gap-2 rounded-lg bg-violet-50 px-3 py-2 text-[13px] text-violet-900 ring-1 ring-violet-200"
          data-testid="canary"
        >
          <span>
            Canary: <strong>{stage.canary.percent}%</strong> of traffic to <code className="font-mono">{stage.canary.deploymentId}</code>
          </span>
          <span className="flex gap-2">
            <PermittedButton
              stage={stage}
              action="changeStage"
              size="sm"
              onClick={() => void canaryAction("promote")}
              loading={promoteCanary.isPending}
            >
              Promote canary
            </PermittedButton>
            <PermittedButton
              stage={stage}
              action="changeStage"
              size="sm"
              variant="ghost"
              onClick={() => void canaryAction("discard")}
              loading={discardCanary.isPending}
            >
              Discard canary
            </PermittedButton>
          </span>
        </div>
      ) : null}
      {showDiff ? (
        <div className="mt-3 rounded-lg bg-zinc-50 p-3">
          <p className="mb-2 text-[13px] font-medium text-zinc-700">What a deploy to {stage.name} would change</p>
          {diff.isPending ? (
            <Skeleton className="h-10" />
          ) : diff.isError ? (
            <FormAlert message={describeError(diff.error)} />
          ) : diff.data?.diff ? (
            <DiffView diff={diff.data.diff} />
          ) : (
            <FormAlert message={diff.data?.problem} />
          )}
        </div>
      ) : null}
      {testing ? (
        <div className="mt-3">
          <TestPanel apiId={apiId} stage={stage.name} />
        </div>
      ) : null}
    </section>
  );
}

function History({
  apiId,
  stages,
  deployments,
  onRollback,
}: {
  apiId: string;
  stages: StageDto[];
  deployments: DeploymentDto[];
  onRollback: (stage: StageDto, deploymentId: string) => void;
}) {
  const [compare, setCompare] = useState<string[]>([]);
  const [from, to] = compare.length === 2 ? [compare[1] ?? null, compare[0] ?? null] : [null, null];
  const diff = useDiffQuery(apiId, from, to);
  if (deployments.length === 0) return null;

  function toggle(id: string) {
    setCompare((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2)));
  }

  return (
    <section aria-label="Deployment history" className="space-y-3">
      <h2 className="text-[15px] font-semibold text-zinc-900">Deployment history</h2>
      <div className="overflow-hidden rounded-xl bg-white ring-1 ring-zinc-200">
        <table className="w-full text-left text-[13px]">
          <thead className="bg-zinc-50 text-[12px] text-zinc-500">
            <tr>
              <th className="px-3 py-2 font-medium">Compare</th>
              <th className="px-3 py-2 font-medium">Deployment</th>
              <th className="px-3 py-2 font-medium">Description</th>
              <th className="px-3 py-2 font-medium">Who, when</th>
              <th className="px-3 py-2 font-medium">Serving</th>
              <th className="px-3 py-2 font-medium">Roll back</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {deployments.map((deployment) => (
              <tr key={deployment.id} data-deployment={deployment.id}>
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Compare ${deployment.id}`}
                    checked={compare.includes(deployment.id)}
                    onChange={() => toggle(deployment.id)}
                  />
                </td>
                <td className="px-3 py-2">
                  <code className="font-mono text-zinc-800" title={deployment.id}>
                    {short(deployment.id)}
                  </code>
                  <div className="font-mono text-[11px] text-zinc-400" title={deployment.hash}>
                    {deployment.hash.slice(0, 12)}
                  </div>
                </td>
                <td className="px-3 py-2 text-zinc-700">{deployment.description || <span className="text-zinc-400">—</span>}</td>
                <td className="px-3 py-2 text-zinc-600">
                  {deployment.createdBy}
                  <div className="text-[12px] text-zinc-400">{formatDateTime(deployment.createdAt)}</div>
                </td>
                <td className="px-3 py-2">
                  <span className="flex flex-wrap gap-1">
                    {deployment.stages.map((name) => (
                      <Badge key={name} tone="green">
                        {name}
                      </Badge>
                    ))}
                    {deployment.canaryStages.map((name) => (
                      <Badge key={`c-${name}`} tone="violet">
                        {name} canary
                      </Badge>
                    ))}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <span className="flex flex-wrap gap-1">
                    {stages
                      .filter((stage) => stage.deploymentId !== deployment.id)
                      .map((stage) => (
                        <PermittedButton
                          stage={stage}
                          action="changeStage"
                          key={stage.name}
                          size="sm"
                          variant="ghost"
                          onClick={() => onRollback(stage, deployment.id)}
                        >
                          {stage.name}
                        </PermittedButton>
                      ))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {compare.length === 2 ? (
        <div className="rounded-xl bg-white p-4 ring-1 ring-zinc-200">
          <p className="mb-2 text-[13px] font-medium text-zinc-700">
            From <code className="font-mono">{short(from ?? "")}</code> to <code className="font-mono">{short(to ?? "")}</code>
          </p>
          {diff.isPending ? (
            <Skeleton className="h-10" />
          ) : diff.isError ? (
            <FormAlert message={describeError(diff.error)} />
          ) : diff.data ? (
            <DiffView diff={diff.data} />
          ) : null}
        </div>
      ) : (
        <p className="text-[12px] text-zinc-400">Tick two deployments to compare them.</p>
      )}
    </section>
  );
}
