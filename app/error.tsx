"use client";

import { TopBar } from "@/components/layout/page-header";
import { ErrorState } from "@/components/ui/error-state";

// The last line of defence for a page that throws while rendering: say so
// and offer a retry instead of a blank screen.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <TopBar crumbs={[{ label: "Error" }]} />
      <main className="flex flex-1 items-center justify-center">
        <ErrorState
          title="This page failed to load"
          error={
            new Error(error.digest ? `Something went wrong (reference ${error.digest}). Try again.` : "Something went wrong. Try again.")
          }
          onRetry={reset}
        />
      </main>
    </>
  );
}
