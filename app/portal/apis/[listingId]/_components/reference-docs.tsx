"use client";

import dynamic from "next/dynamic";

import { Skeleton } from "@/components/ui/skeleton";

// The renderer is large: it is loaded on this page only, in the browser, as
// a bundled chunk of the console (nothing comes from a CDN).
const ScalarReference = dynamic(() => import("./scalar-reference").then((module) => module.ScalarReference), {
  ssr: false,
  loading: () => <Skeleton className="h-96" />,
});

export function ReferenceDocs({ listingId }: { listingId: string }) {
  return <ScalarReference listingId={listingId} />;
}
