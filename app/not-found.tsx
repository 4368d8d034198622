import { Compass } from "lucide-react";
import Link from "next/link";
import { TopBar } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <>
      <TopBar crumbs={[{ label: "Not found" }]} />
      <main className="flex flex-1 items-center justify-center">
        <EmptyState
          icon={<Compass className="size-5" />}
          title="Page not found"
          description="The address may be mistyped, or what it pointed to was deleted."
          action={
            <Link href="/apis" className="text-sm font-medium text-accent-600 hover:underline">
              Go to your APIs
            </Link>
          }
        />
      </main>
    </>
  );
}
