import type { Metadata } from "next";
import { Suspense } from "react";
import { ApisPage } from "./_components/apis-page";

export const metadata: Metadata = { title: "APIs" };

export default function Page() {
  // The list reads its search from the URL, which needs a Suspense boundary.
  return (
    <Suspense>
      <ApisPage />
    </Suspense>
  );
}
