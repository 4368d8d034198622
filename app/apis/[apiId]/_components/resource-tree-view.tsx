"use client";

import { ChevronRight, FolderTree } from "lucide-react";
import { useState, type KeyboardEvent } from "react";
import { sortMethods } from "@/components/apis/method-order";
import type { ResourceNode } from "@/components/apis/resource-tree";
import { cn } from "@/components/lib/cn";
import { MethodBadge } from "@/components/ui/badge";

export type TreeSelection = { resourceId: string | null; httpMethod: string | null };

type Props = {
  roots: ResourceNode[];
  selection: TreeSelection;
  onSelect: (resourceId: string, httpMethod: string | null) => void;
};

const INDENT_PX = 14;

export function ResourceTreeView({ roots, selection, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNode = (node: ResourceNode) => {
    const isCollapsed = collapsed.has(node.id);
    const hasChildren = node.children.length > 0 || node.methods.length > 0;
    const resourceSelected = selection.resourceId === node.id && selection.httpMethod === null;
    const label = node.parentId === null ? "/" : `/${node.pathPart}`;
    return (
      <li key={node.id}>
        <div
          className={cn(
            "group flex h-8 items-center rounded-md pr-2 transition-colors",
            resourceSelected ? "bg-zinc-900/[0.06] text-zinc-900" : "text-zinc-700 hover:bg-zinc-100",
          )}
          style={{ paddingLeft: node.depth * INDENT_PX + 4 }}
        >
          <button
            type="button"
            aria-label={`${isCollapsed ? "Expand" : "Collapse"} ${node.path}`}
            aria-expanded={!isCollapsed}
            onClick={() => toggle(node.id)}
            className={cn("flex size-5 items-center justify-center rounded text-zinc-400 hover:text-zinc-700", !hasChildren && "invisible")}
          >
            <ChevronRight aria-hidden className={cn("size-3.5 transition-transform", !isCollapsed && "rotate-90")} />
          </button>
          <button
            type="button"
            data-tree-item
            aria-label={node.path}
            aria-current={resourceSelected ? "true" : undefined}
            onClick={() => onSelect(node.id, null)}
            className={cn(
              "flex h-full min-w-0 flex-1 items-center gap-1.5 pl-1 text-left font-mono text-[13px]",
              resourceSelected && "font-medium",
            )}
          >
            <span className="truncate">{label}</span>
          </button>
        </div>
        {!isCollapsed ? (
          <ul role="group">
            {sortMethods(node.methods).map((method) => {
              const selected = selection.resourceId === node.id && selection.httpMethod === method;
              return (
                <li key={method}>
                  <button
                    type="button"
                    data-tree-item
                    aria-label={`${method} ${node.path}`}
                    aria-current={selected ? "true" : undefined}
                    onClick={() => onSelect(node.id, method)}
                    className={cn(
                      "flex h-7 w-full items-center gap-2 rounded-md pr-2 text-left transition-colors",
                      selected ? "bg-zinc-900/[0.06]" : "hover:bg-zinc-100",
                    )}
                    style={{ paddingLeft: (node.depth + 1) * INDENT_PX + 10 }}
                  >
                    <MethodBadge method={method} className="min-w-12 justify-center" />
                    {selected ? <span className="size-1.5 rounded-full bg-accent-500" aria-hidden /> : null}
                  </button>
                </li>
              );
            })}
            {node.children.map(renderNode)}
          </ul>
        ) : null}
      </li>
    );
  };

  if (roots.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 px-4 py-10 text-center text-sm text-zinc-500">
        <FolderTree aria-hidden className="size-5 text-zinc-400" />
        This API has no resources yet.
      </div>
    );
  }

  // Arrow keys move between items, as in a file tree; Enter or Space selects.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>("[data-tree-item]"));
    const index = items.findIndex((item) => item === document.activeElement);
    if (index === -1) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)));
    items[next].focus();
  };

  return (
    <nav aria-label="Resource tree" onKeyDown={onKeyDown}>
      <ul className="flex flex-col gap-px">{roots.map(renderNode)}</ul>
    </nav>
  );
}
