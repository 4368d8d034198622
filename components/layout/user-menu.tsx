"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ChevronDown, KeyRound, LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import { useMe } from "@/components/auth/use-me";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { useToast } from "@/components/ui/toast";

/** The signed-in user, in the top bar: name and role, and a menu with the account page and sign-out. */
export function UserMenu() {
  const { data } = useMe();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const router = useRouter();

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (!data) return null;
  const { user } = data;

  async function signOut() {
    try {
      await apiRequest("/api/v1/auth/sign-out", { method: "POST" });
      queryClient.clear();
      router.replace("/sign-in");
    } catch (error) {
      toast({ title: "Sign-out failed", description: describeError(error), tone: "error" });
    }
  }

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Signed in as ${user.name || user.email} (${user.role})`}
        onClick={() => setOpen((value) => !value)}
        className="flex h-8 items-center gap-2 rounded-md px-2 text-[13px] text-zinc-700 hover:bg-zinc-100"
      >
        <span className="flex size-6 items-center justify-center rounded-full bg-zinc-900 text-[11px] font-semibold text-white uppercase">
          {(user.name || user.email).slice(0, 1)}
        </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{user.name || user.email}</span>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600">{user.role}</span>
        <ChevronDown aria-hidden className="size-3.5 text-zinc-400" />
      </button>
      {open ? (
        <div role="menu" className="absolute right-0 z-30 mt-1 w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200">
          <p className="truncate px-2.5 py-2 text-xs text-zinc-500">{user.email}</p>
          <Link
            role="menuitem"
            href="/account"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-[13px] text-zinc-700 hover:bg-zinc-100"
          >
            <UserRound aria-hidden className="size-4" />
            Account and password
          </Link>
          <Link
            role="menuitem"
            href="/tokens"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-[13px] text-zinc-700 hover:bg-zinc-100"
          >
            <KeyRound aria-hidden className="size-4" />
            API tokens
          </Link>
          <button
            role="menuitem"
            type="button"
            onClick={() => void signOut()}
            className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-[13px] text-zinc-700 hover:bg-zinc-100"
          >
            <LogOut aria-hidden className="size-4" />
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
