"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * Monaco needs `window` as soon as it loads, and weighs a few megabytes: it is
 * loaded in the browser only, in its own chunk, when an editor is shown.
 */
export const DocumentEditor = dynamic(() => import("./monaco-document-editor"), {
  ssr: false,
  loading: () => <EditorSkeleton />,
});

export function EditorSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the editor" className="flex h-full flex-col gap-2.5 p-4">
      <Skeleton className="h-3.5 w-24" />
      <Skeleton className="ml-4 h-3.5 w-40" />
      <Skeleton className="ml-4 h-3.5 w-32" />
      <Skeleton className="h-3.5 w-16" />
      <Skeleton className="ml-4 h-3.5 w-28" />
      <Skeleton className="ml-8 h-3.5 w-48" />
    </div>
  );
}
