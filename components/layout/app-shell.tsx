"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

import { isPublicPage } from "@/components/auth/public-pages";

import { Sidebar } from "./sidebar";

export function AppShell({ children }: { children: ReactNode }) {
  // Sign-in, first-run setup and invitations are shown without the console around them.
  if (isPublicPage(usePathname())) return <>{children}</>;
  return (
    <div className="flex min-h-screen">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}
