"use client";

import { ShieldAlert } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import type { DefinitionDiffDto } from "@/lib/schemas/deployment";

/** Routes added, removed and changed, with security-loosening changes called out first. */
export function DiffView({ diff }: { diff: DefinitionDiffDto }) {
  if (diff.identical) return <p className="text-[13px] text-zinc-500">No differences: both serve the same routes and settings.</p>;
  return (
    <div className="space-y-3 text-[13px]" data-testid="diff">
      {diff.loosening.length > 0 ? (
        <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
          <p className="flex items-center gap-1.5 font-medium">
            <ShieldAlert aria-hidden className="size-4" /> These changes loosen security
          </p>
          <ul className="mt-1 list-disc pl-5">
            {diff.loosening.map((item, index) => (
              <li key={index}>
                {item.route ? <code className="font-mono">{item.route}</code> : "API"}: {item.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="space-y-1">
        {diff.added.map((route) => (
          <li key={`a-${route}`} className="flex items-center gap-2">
            <Badge tone="green">added</Badge>
            <code className="font-mono text-zinc-800">{route}</code>
          </li>
        ))}
        {diff.removed.map((route) => (
          <li key={`r-${route}`} className="flex items-center gap-2">
            <Badge tone="red">removed</Badge>
            <code className="font-mono text-zinc-800">{route}</code>
          </li>
        ))}
        {diff.changed.map((change) => (
          <li key={`c-${change.route}`} className="flex items-center gap-2">
            <Badge tone="amber">changed</Badge>
            <code className="font-mono text-zinc-800">{change.route}</code>
            <span className="text-zinc-500">{change.fields.join(", ")}</span>
          </li>
        ))}
        {diff.apiChanges.map((field) => (
          <li key={`api-${field}`} className="flex items-center gap-2">
            <Badge tone="sky">API</Badge>
            <span className="text-zinc-700">{field} changed</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
