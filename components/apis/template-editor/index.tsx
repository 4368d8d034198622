"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/** Monaco loads in the browser only, in its own chunk, when a template is shown. */
export const TemplateEditor = dynamic(() => import("./monaco-template-editor"), {
  ssr: false,
  loading: () => <Skeleton aria-label="Loading the template editor" className="h-28 w-full" />,
});
