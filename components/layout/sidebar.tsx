"use client";

import { Boxes, FileJson, Gauge, KeyRound, ScrollText, Server, Store, Ticket, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useMe } from "@/components/auth/use-me";
import { cn } from "@/components/lib/cn";

type NavItem = { href: string; label: string; icon: ReactNode; adminOnly?: boolean };

// Only sections that exist are listed; new ones join as they ship.
const NAV: NavItem[] = [
  { href: "/apis", label: "APIs", icon: <Boxes aria-hidden className="size-4" /> },
  { href: "/usage-plans", label: "Usage plans", icon: <Gauge aria-hidden className="size-4" /> },
  { href: "/api-keys", label: "API keys", icon: <KeyRound aria-hidden className="size-4" /> },
  { href: "/nodes", label: "Gateway nodes", icon: <Server aria-hidden className="size-4" /> },
];

const MANAGE: NavItem[] = [
  { href: "/users", label: "Users", icon: <Users aria-hidden className="size-4" />, adminOnly: true },
  { href: "/developer-portal", label: "Developer portal", icon: <Store aria-hidden className="size-4" />, adminOnly: true },
  { href: "/tokens", label: "API tokens", icon: <Ticket aria-hidden className="size-4" /> },
  { href: "/audit", label: "Audit log", icon: <ScrollText aria-hidden className="size-4" /> },
];

export function Sidebar() {
  const pathname = usePathname();
  const role = useMe().data?.user.role;
  return (
    <aside className="sticky top-0 hidden h-screen w-56 shrink-0 flex-col border-r border-zinc-200/80 bg-zinc-100/40 md:flex">
      <Link href="/apis" className="flex h-14 items-center gap-2.5 px-4">
        <Logo />
        <span className="text-[15px] font-semibold tracking-tight text-zinc-900">Portico</span>
      </Link>
      <nav aria-label="Main" className="flex flex-1 flex-col gap-0.5 px-2 pt-2">
        <p className="px-2 pb-1.5 text-[11px] font-medium tracking-wider text-zinc-400 uppercase">Build</p>
        {NAV.map((item) => (
          <NavLink key={item.href} item={item} pathname={pathname} />
        ))}
        <p className="px-2 pt-4 pb-1.5 text-[11px] font-medium tracking-wider text-zinc-400 uppercase">Manage</p>
        {MANAGE.filter((item) => !item.adminOnly || role === "admin").map((item) => (
          <NavLink key={item.href} item={item} pathname={pathname} />
        ))}
      </nav>
      <div className="border-t border-zinc-200/80 px-4 py-3">
        {/* The console's own API, for scripts and CI: the same calls the screens make. */}
        <a
          href="/api/v1/openapi.json"
          target="_blank"
          rel="noreferrer"
          className="flex items-center gap-2 text-[12px] text-zinc-500 hover:text-zinc-900"
        >
          <FileJson aria-hidden className="size-3.5" />
          Console API (OpenAPI)
        </a>
      </div>
    </aside>
  );
}

function NavLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex h-8 items-center gap-2.5 rounded-md px-2 text-[13px] font-medium transition-colors",
        active ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200" : "text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900",
      )}
    >
      {item.icon}
      {item.label}
    </Link>
  );
}

function Logo() {
  return (
    <svg aria-hidden viewBox="0 0 32 32" className="size-6">
      <rect width="32" height="32" rx="8" className="fill-zinc-900" />
      <path d="M9 24V12a7 7 0 0 1 14 0v12" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <path d="M14 24v-7h4v7" fill="#fff" />
    </svg>
  );
}
