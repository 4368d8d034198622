"use client";

import { useState, type FormEvent } from "react";

import { useChangeConsumerMutation, useConsumersQuery, useInviteConsumerMutation } from "@/components/portal/use-portal-admin-queries";
import { describeError } from "@/components/lib/api-client";
import { formatRelative } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import type { ConsumerStatusDto } from "@/lib/schemas/portal";

import { Section } from "./section";

const TONE = { active: "green", pending: "amber", rejected: "red", disabled: "neutral" } as const;
const ACTIONS: Record<ConsumerStatusDto, ("approve" | "reject" | "disable" | "enable")[]> = {
  pending: ["approve", "reject"],
  active: ["disable"],
  disabled: ["enable"],
  rejected: [],
};

export function ConsumersSection() {
  const consumers = useConsumersQuery();
  const change = useChangeConsumerMutation();
  const invite = useInviteConsumerMutation();
  const [email, setEmail] = useState("");
  const [link, setLink] = useState<{ url: string; mailed: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function sendInvitation(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await invite.mutateAsync(email);
      setLink({ url: answer.invitationUrl, mailed: answer.mailed });
      setEmail("");
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <Section
      title="Consumers"
      description="Accounts of the portal, apart from console users. Disabling one disables their keys on every gateway node at once."
    >
      <FormAlert message={error} />
      {consumers.isPending ? (
        <Skeleton className="h-16" />
      ) : (consumers.data ?? []).length === 0 ? (
        <p className="text-sm text-zinc-500">Nobody has signed up yet.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {(consumers.data ?? []).map((consumer) => (
            <li
              key={consumer.id}
              aria-label={`Consumer ${consumer.email}`}
              className="flex flex-wrap items-center gap-3 rounded-lg bg-white px-4 py-3 text-sm ring-1 ring-zinc-200"
            >
              <div className="min-w-64 flex-1">
                <p className="font-medium text-zinc-900">
                  {consumer.name} &lt;{consumer.email}&gt;
                </p>
                <p className="text-xs text-zinc-500">
                  {consumer.organization || "No organisation"} · {consumer.activeKeys} key(s) · signed up{" "}
                  {formatRelative(consumer.createdAt)}
                </p>
              </div>
              <Badge tone={TONE[consumer.status]}>{consumer.status}</Badge>
              {ACTIONS[consumer.status].map((action) => (
                <Button
                  key={action}
                  size="sm"
                  variant={action === "disable" || action === "reject" ? "secondary" : "primary"}
                  onClick={async () => {
                    setError(null);
                    try {
                      await change.mutateAsync({ consumerId: consumer.id, action });
                    } catch (failure) {
                      setError(describeError(failure));
                    }
                  }}
                >
                  {action[0].toUpperCase() + action.slice(1)}
                </Button>
              ))}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={sendInvitation} className="mt-4 flex flex-wrap items-end gap-3">
        <Field label="Invite by email" hint="A one-time sign-up link, valid 7 days; needed in invite mode." className="min-w-72">
          <Input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </Field>
        <Button type="submit" loading={invite.isPending}>
          Make invitation link
        </Button>
      </form>
      {link ? (
        <div className="mt-3 flex items-center gap-2 rounded-lg bg-zinc-50 px-3 py-2 text-xs ring-1 ring-zinc-200">
          <code className="min-w-0 flex-1 break-all">{link.url}</code>
          <CopyButton value={link.url} label="Copy invitation link" />
          <span className="text-zinc-500">{link.mailed ? "Mailed too." : "Not mailed (no SMTP_URL): pass it on."}</span>
        </div>
      ) : null}
    </Section>
  );
}
