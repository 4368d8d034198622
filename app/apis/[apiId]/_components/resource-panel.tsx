"use client";

import { ChevronRight, FolderPlus, Pencil, Plus, Trash2 } from "lucide-react";
import { useResourceQuery } from "@/components/apis/hooks/use-resources-query";
import { sortMethods } from "@/components/apis/method-order";
import type { Method, ResourceSummary } from "@/components/apis/types";
import { Badge, MethodBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { integrationSummary } from "./integration-summary";
import { PermittedButton } from "@/components/auth/permitted-button";

const AUTHORIZATION_BADGES = { JWT: "JWT", COGNITO_USER_POOLS: "Cognito", CUSTOM: "Lambda authorizer" } as const;

type Props = {
  apiId: string;
  resource: ResourceSummary;
  resources: ResourceSummary[];
  onSelectMethod: (httpMethod: string) => void;
  onSelectResource: (resourceId: string) => void;
  onCreateResource: () => void;
  onCreateMethod: () => void;
  onRename: () => void;
  onDelete: () => void;
};

export function ResourcePanel(props: Props) {
  const { apiId, resource, resources } = props;
  const detail = useResourceQuery(apiId, resource.id);
  const isRoot = resource.parentId === null;
  const children = resources.filter((candidate) => candidate.parentId === resource.id);
  const methods: Method[] = detail.data?.methods ?? [];

  return (
    <div className="flex flex-col gap-5">
      <div className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-zinc-200">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-[12px] font-medium text-zinc-500">Resource</p>
            <h2 className="mt-0.5 truncate font-mono text-lg font-semibold text-zinc-900">{resource.path}</h2>
            <p className="mt-1 flex items-center gap-1 text-[12px] text-zinc-500">
              ID <code className="font-mono">{resource.id}</code>
              <CopyButton value={resource.id} label="Copy resource ID" />
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {!isRoot ? (
              <>
                <PermittedButton size="sm" icon={<Pencil aria-hidden className="size-3.5" />} onClick={props.onRename}>
                  Rename
                </PermittedButton>
                <PermittedButton
                  size="sm"
                  icon={<Trash2 aria-hidden className="size-3.5" />}
                  onClick={props.onDelete}
                  className="hover:bg-red-50 hover:text-red-600 hover:ring-red-200"
                >
                  Delete resource
                </PermittedButton>
              </>
            ) : null}
          </div>
        </div>
      </div>

      <div className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
        <div className="flex items-center justify-between border-b border-zinc-100 px-5 py-3">
          <h3 className="text-[13px] font-semibold text-zinc-900">Methods</h3>
          <PermittedButton size="sm" icon={<Plus aria-hidden className="size-3.5" />} onClick={props.onCreateMethod}>
            Add method
          </PermittedButton>
        </div>
        {resource.methods.length === 0 ? (
          <EmptyState
            className="py-10"
            title="No methods yet"
            description={
              <>
                Requests to <code className="font-mono">{resource.path}</code> get a 404 until a method handles them.
              </>
            }
            action={
              <PermittedButton variant="primary" size="sm" icon={<Plus aria-hidden className="size-3.5" />} onClick={props.onCreateMethod}>
                Create method
              </PermittedButton>
            }
          />
        ) : (
          <ul className="divide-y divide-zinc-100">
            {sortMethods(resource.methods).map((httpMethod) => {
              const method = methods.find((candidate) => candidate.httpMethod === httpMethod);
              return (
                <li key={httpMethod}>
                  <button
                    type="button"
                    onClick={() => props.onSelectMethod(httpMethod)}
                    className="group flex w-full items-center gap-3 px-5 py-3 text-left hover:bg-zinc-50"
                  >
                    <MethodBadge method={httpMethod} className="min-w-14 justify-center" />
                    <span className="min-w-0 flex-1 truncate text-[13px] text-zinc-600">
                      {method ? integrationSummary(method) : <span className="text-zinc-300">Loading…</span>}
                    </span>
                    {method && method.authorizationType !== "NONE" && method.authorizationType !== "API_KEY" ? (
                      <Badge tone="amber">{AUTHORIZATION_BADGES[method.authorizationType]}</Badge>
                    ) : null}
                    {method && (method.authorizationType === "API_KEY" || method.apiKeyRequired) ? (
                      <Badge tone="amber">API key</Badge>
                    ) : null}
                    <ChevronRight aria-hidden className="size-4 text-zinc-300 group-hover:text-zinc-500" />
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>

      <div className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
        <div className="flex items-center justify-between border-b border-zinc-100 px-5 py-3">
          <h3 className="text-[13px] font-semibold text-zinc-900">Child resources</h3>
          <PermittedButton size="sm" icon={<FolderPlus aria-hidden className="size-3.5" />} onClick={props.onCreateResource}>
            Add child
          </PermittedButton>
        </div>
        {children.length === 0 ? (
          <p className="px-5 py-4 text-[13px] text-zinc-500">
            None. Add one to build a longer path, such as {resource.path === "/" ? "/pets" : `${resource.path}/{id}`}.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100">
            {children.map((child) => (
              <li key={child.id}>
                <button
                  type="button"
                  onClick={() => props.onSelectResource(child.id)}
                  className="group flex w-full items-center gap-3 px-5 py-2.5 text-left hover:bg-zinc-50"
                >
                  <span className="min-w-0 flex-1 truncate font-mono text-[13px] text-zinc-800">{child.path}</span>
                  <span className="flex gap-1">
                    {sortMethods(child.methods).map((method) => (
                      <MethodBadge key={method} method={method} />
                    ))}
                  </span>
                  <ChevronRight aria-hidden className="size-4 text-zinc-300 group-hover:text-zinc-500" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
