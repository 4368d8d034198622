import { AlertTriangle, RotateCw } from "lucide-react";
import { describeError } from "@/components/lib/api-client";
import { Button } from "./button";
import { EmptyState } from "./empty-state";

export function ErrorState({
  title,
  error,
  onRetry,
  className,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <div role="alert" className={className}>
      <EmptyState
        icon={<AlertTriangle className="size-5 text-red-500" />}
        title={title}
        description={describeError(error)}
        action={
          onRetry ? (
            <Button onClick={onRetry} icon={<RotateCw aria-hidden className="size-3.5" />}>
              Try again
            </Button>
          ) : null
        }
      />
    </div>
  );
}
