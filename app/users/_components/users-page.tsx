"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";

import {
  useDeleteUserMutation,
  useReinviteUserMutation,
  useUpdateUserMutation,
  useUsersQuery,
} from "@/components/access/use-access-queries";
import { useCan } from "@/components/auth/use-can";
import { useMe } from "@/components/auth/use-me";
import { TopBar } from "@/components/layout/page-header";
import { describeError } from "@/components/lib/api-client";
import { formatRelative } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ListSection } from "@/components/ui/list-section";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ACTIONS_LABEL, TableHead } from "@/components/ui/table-head";
import { useToast } from "@/components/ui/toast";
import { ROLES, type Role, type UserDto } from "@/lib/schemas/auth";

import { InvitationLinkDialog, InviteUserDialog } from "./invite-user-dialog";

const COLUMNS = [
  { label: "User" },
  { label: "Role", className: "w-[150px]" },
  { label: "Status", className: "w-[150px]" },
  { label: "Last sign-in", className: "w-[140px]" },
  { label: ACTIONS_LABEL, className: "w-[260px]" },
];

export function UsersPage() {
  const toast = useToast();
  const can = useCan();
  const me = useMe();
  const query = useUsersQuery({ enabled: me.data?.user.role === "admin" });
  const update = useUpdateUserMutation();
  const reinvite = useReinviteUserMutation();
  const remove = useDeleteUserMutation();
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [deleting, setDeleting] = useState<UserDto | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Expiry is judged against when the page opened.
  const [now] = useState(() => Date.now());
  const admin = can("administer");
  const users = query.data?.items ?? [];

  async function change(user: UserDto, input: { role?: Role; disabled?: boolean }, done: string) {
    setBusy(user.id);
    try {
      await update.mutateAsync({ userId: user.id, input });
      toast({ title: done });
    } catch (error) {
      toast({ tone: "error", title: `Could not change ${user.email}`, description: describeError(error) });
    } finally {
      setBusy(null);
    }
  }

  async function newLink(user: UserDto) {
    setBusy(user.id);
    try {
      const result = await reinvite.mutateAsync(user.id);
      setLink({ email: user.email, url: result.invitationUrl });
    } catch (error) {
      toast({ tone: "error", title: "Could not make a new link", description: describeError(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <TopBar crumbs={[{ label: "Users" }]} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Users</h1>
            <p className="mt-1 text-sm text-zinc-500">
              Who can sign in to this console. Viewers read; developers change APIs, plans and keys; admins also manage users, nodes and
              protected stages.
            </p>
          </div>
          <Button
            variant="primary"
            icon={<UserPlus aria-hidden className="size-4" />}
            disabled={!admin.allowed}
            title={admin.reason}
            onClick={() => setInviting(true)}
          >
            Invite user
          </Button>
        </div>
        {!admin.allowed && me.data ? (
          <p className="mt-6 text-sm text-zinc-500">Only admins can see and manage users.</p>
        ) : (
          <ListSection
            label="User list"
            className="mt-6"
            query={query}
            errorTitle="The users could not be loaded"
            loadMoreError="More users could not be loaded"
            skeleton={<Skeleton className="h-40" />}
            isEmpty={users.length === 0}
            empty={<EmptyState title="No users" description="Invite the people who work on your APIs." />}
          >
            <table className="w-full table-fixed text-sm">
              <TableHead columns={COLUMNS} />
              <tbody className="divide-y divide-zinc-100">
                {users.map((user) => {
                  const self = user.id === me.data?.user.id;
                  return (
                    <tr key={user.id} aria-label={`User ${user.email}`} className="align-middle">
                      <td className="px-4 py-3">
                        <p className="truncate font-medium text-zinc-900">
                          {user.name || user.email}
                          {self ? <span className="ml-2 text-xs font-normal text-zinc-400">(you)</span> : null}
                        </p>
                        {user.name ? <p className="truncate text-xs text-zinc-500">{user.email}</p> : null}
                      </td>
                      <td className="px-4 py-3">
                        <Select
                          aria-label={`Role of ${user.email}`}
                          value={user.role}
                          disabled={busy === user.id}
                          options={ROLES.map((role) => ({ value: role, label: role }))}
                          onChange={(event) =>
                            void change(user, { role: event.target.value as Role }, `${user.email} is now ${event.target.value}`)
                          }
                        />
                      </td>
                      <td className="px-4 py-3">
                        <UserStatus user={user} now={now} />
                      </td>
                      <td className="px-4 py-3 text-zinc-500">{user.lastSignInAt ? formatRelative(user.lastSignInAt) : "never"}</td>
                      <td className="px-4 py-3">
                        <div className="flex justify-end gap-1.5">
                          {user.invitationPending ? (
                            <Button size="sm" disabled={busy === user.id} onClick={() => void newLink(user)}>
                              New link
                            </Button>
                          ) : null}
                          <Button
                            size="sm"
                            disabled={busy === user.id || self}
                            title={self ? "You cannot disable yourself" : undefined}
                            onClick={() =>
                              void change(user, { disabled: !user.disabled }, `${user.email} ${user.disabled ? "enabled" : "disabled"}`)
                            }
                          >
                            {user.disabled ? "Enable" : "Disable"}
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={busy === user.id || self}
                            title={self ? "You cannot delete yourself" : undefined}
                            onClick={() => setDeleting(user)}
                          >
                            Delete
                          </Button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ListSection>
        )}
      </main>
      <InviteUserDialog open={inviting} onClose={() => setInviting(false)} onInvited={(email, url) => setLink({ email, url })} />
      <InvitationLinkDialog link={link} onClose={() => setLink(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={`Delete ${deleting?.email ?? "user"}?`}
        description="Their sessions and API tokens stop working at once. The audit log keeps what they did."
        confirmLabel="Delete user"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync(deleting.id);
          toast({ title: `${deleting.email} deleted` });
          setDeleting(null);
        }}
      />
    </>
  );
}

function UserStatus({ user, now }: { user: UserDto; now: number }) {
  if (user.disabled) return <Badge tone="red">Disabled</Badge>;
  if (user.invitationPending) {
    const expired = user.invitationExpiresAt !== null && Date.parse(user.invitationExpiresAt) <= now;
    return <Badge tone="amber">{expired ? "Invitation expired" : "Invited"}</Badge>;
  }
  return <Badge tone="green">{user.signIn === "oidc" ? "Active (SSO)" : "Active"}</Badge>;
}
