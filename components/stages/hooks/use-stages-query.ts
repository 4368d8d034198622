"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import { fetchAllPages } from "@/components/lib/fetch-all-pages";
import type { DefinitionDiffDto, DeploymentDto, NodePushResultDto } from "@/lib/schemas/deployment";
import type { StageDto, TestInvokeBody, TestInvokeResult, UpdateStageBody } from "@/lib/schemas/stage";

export const stageQueryKeys = {
  all: (apiId: string) => ["apis", "detail", apiId, "deploy"] as const,
  stages: (apiId: string) => [...stageQueryKeys.all(apiId), "stages"] as const,
  deployments: (apiId: string) => [...stageQueryKeys.all(apiId), "deployments"] as const,
  stageDiff: (apiId: string, stage: string) => [...stageQueryKeys.all(apiId), "stage-diff", stage] as const,
  diff: (apiId: string, from: string, to: string) => [...stageQueryKeys.all(apiId), "diff", from, to] as const,
};

const base = (apiId: string) => `/api/v1/apis/${encodeURIComponent(apiId)}`;

export type StageChangeResult = { stage: StageDto; nodes: NodePushResultDto[] };
export type DeployResult = { deployment: DeploymentDto; stage: string; nodes: NodePushResultDto[] };

export function useStagesQuery(apiId: string) {
  return useQuery({
    queryKey: stageQueryKeys.stages(apiId),
    queryFn: ({ signal }) => fetchAllPages<StageDto>(`${base(apiId)}/stages`, { signal }),
  });
}

export function useDeploymentsQuery(apiId: string) {
  return useQuery({
    queryKey: stageQueryKeys.deployments(apiId),
    queryFn: ({ signal }) => fetchAllPages<DeploymentDto>(`${base(apiId)}/deployments`, { signal }),
  });
}

export function useStageDiffQuery(apiId: string, stage: string, enabled: boolean) {
  return useQuery({
    queryKey: stageQueryKeys.stageDiff(apiId, stage),
    queryFn: ({ signal }) =>
      apiRequest<{ diff: DefinitionDiffDto | null; problem: string | null }>(`${base(apiId)}/stages/${encodeURIComponent(stage)}/diff`, {
        signal,
      }),
    enabled,
  });
}

export function useDiffQuery(apiId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: stageQueryKeys.diff(apiId, from ?? "", to ?? ""),
    queryFn: ({ signal }) =>
      apiRequest<{ diff: DefinitionDiffDto }>(`${base(apiId)}/deployments/diff`, { query: { from, to }, signal }).then((r) => r.diff),
    enabled: from !== null && to !== null && from !== to,
  });
}

/** Every deploy-side change refreshes stages, history and diffs of the API. */
function useDeployMutation<I, R>(apiId: string, run: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: stageQueryKeys.all(apiId) }),
  });
}

export function useCreateDeploymentMutation(apiId: string) {
  return useDeployMutation(apiId, (input: { stageName: string; description: string; canary?: { percent: number } }) =>
    apiRequest<DeployResult>(`${base(apiId)}/deployments`, { method: "POST", body: input }),
  );
}

export function usePromoteMutation(apiId: string) {
  return useDeployMutation(apiId, ({ from, to }: { from: string; to: string }) =>
    apiRequest<StageChangeResult>(`${base(apiId)}/stages/${encodeURIComponent(from)}/promote`, { method: "POST", body: { to } }),
  );
}

export function useRollbackMutation(apiId: string) {
  return useDeployMutation(apiId, ({ stage, deploymentId }: { stage: string; deploymentId: string }) =>
    apiRequest<StageChangeResult>(`${base(apiId)}/stages/${encodeURIComponent(stage)}/rollback`, {
      method: "POST",
      body: { deploymentId },
    }),
  );
}

export function usePromoteCanaryMutation(apiId: string) {
  return useDeployMutation(apiId, (stage: string) =>
    apiRequest<StageChangeResult>(`${base(apiId)}/stages/${encodeURIComponent(stage)}/canary/promote`, { method: "POST" }),
  );
}

export function useDiscardCanaryMutation(apiId: string) {
  return useDeployMutation(apiId, (stage: string) =>
    apiRequest<StageChangeResult>(`${base(apiId)}/stages/${encodeURIComponent(stage)}/canary`, { method: "DELETE" }),
  );
}

export function usePushStageMutation(apiId: string) {
  return useDeployMutation(apiId, (stage: string) =>
    apiRequest<StageChangeResult>(`${base(apiId)}/stages/${encodeURIComponent(stage)}/push`, { method: "POST" }),
  );
}

export function useUpdateStageMutation(apiId: string) {
  return useDeployMutation(apiId, ({ stage, input }: { stage: string; input: UpdateStageBody }) =>
    apiRequest<StageChangeResult>(`${base(apiId)}/stages/${encodeURIComponent(stage)}`, { method: "PATCH", body: input }),
  );
}

export function useTestInvokeMutation(apiId: string) {
  return useMutation({
    mutationFn: ({ stage, input }: { stage: string; input: Partial<TestInvokeBody> }) =>
      apiRequest<{ result: TestInvokeResult }>(`${base(apiId)}/stages/${encodeURIComponent(stage)}/test-invoke`, {
        method: "POST",
        body: input,
      }).then((r) => r.result),
  });
}
