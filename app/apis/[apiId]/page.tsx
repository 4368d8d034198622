import { Suspense } from "react";
import { ResourcesView } from "./_components/resources-view";

export default async function ApiResourcesPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  // The selected resource and method live in the URL's search params.
  return (
    <Suspense>
      <ResourcesView apiId={apiId} />
    </Suspense>
  );
}
