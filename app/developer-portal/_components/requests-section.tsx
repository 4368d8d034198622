"use client";

import { useState } from "react";

import { useDecideRequestMutation, useRequestsQuery } from "@/components/portal/use-portal-admin-queries";
import { describeError } from "@/components/lib/api-client";
import { formatRelative } from "@/components/lib/format";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";

import { Section } from "./section";

export function RequestsSection() {
  const requests = useRequestsQuery();
  const decide = useDecideRequestMutation();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  return (
    <Section title="Pending requests" description="Subscriptions to listings that take approval. The consumer sees your decision and note.">
      <FormAlert message={error} />
      {requests.isPending ? (
        <Skeleton className="h-16" />
      ) : requests.isError ? (
        <ErrorState title="The requests could not be loaded" error={requests.error} onRetry={() => requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <p className="text-sm text-zinc-500">Nothing waits for approval.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {requests.data.map((request) => (
            <li
              key={request.id}
              aria-label={`Request from ${request.consumer.email}`}
              className="flex flex-wrap items-center gap-3 rounded-lg bg-white px-4 py-3 text-sm ring-1 ring-zinc-200"
            >
              <div className="min-w-64 flex-1">
                <p className="font-medium text-zinc-900">
                  {request.consumer.name} &lt;{request.consumer.email}&gt;
                  {request.consumer.organization ? `, ${request.consumer.organization}` : ""}
                </p>
                <p className="text-xs text-zinc-500">
                  {request.apiName} ({request.stage}) · {request.usagePlan.name} · {formatRelative(request.createdAt)}
                </p>
              </div>
              <Input
                aria-label="Note to the consumer"
                placeholder="Note (optional)"
                className="w-64"
                value={notes[request.id] ?? ""}
                onChange={(event) => setNotes({ ...notes, [request.id]: event.target.value })}
              />
              {(["approve", "reject"] as const).map((decision) => (
                <Button
                  key={decision}
                  size="sm"
                  variant={decision === "approve" ? "primary" : "secondary"}
                  onClick={async () => {
                    setError(null);
                    try {
                      await decide.mutateAsync({ requestId: request.id, decision, note: notes[request.id] ?? "" });
                    } catch (failure) {
                      setError(describeError(failure));
                    }
                  }}
                >
                  {decision === "approve" ? "Approve" : "Reject"}
                </Button>
              ))}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
