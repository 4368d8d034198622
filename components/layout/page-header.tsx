import { ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { UserMenu } from "./user-menu";

export type Crumb = { label: ReactNode; href?: string };

/** The top bar of every page: where you are, and the page's main actions. */
export function TopBar({ crumbs, actions }: { crumbs: Crumb[]; actions?: ReactNode }) {
  return (
    <header className="sticky top-0 z-20 flex h-14 shrink-0 items-center justify-between gap-4 border-b border-zinc-200/80 bg-white/80 px-6 backdrop-blur">
      <nav aria-label="Breadcrumb" className="min-w-0">
        <ol className="flex items-center gap-1.5 text-[13px]">
          {crumbs.map((crumb, index) => {
            const last = index === crumbs.length - 1;
            return (
              <li key={index} className="flex min-w-0 items-center gap-1.5">
                {index > 0 ? <ChevronRight aria-hidden className="size-3.5 shrink-0 text-zinc-300" /> : null}
                {crumb.href && !last ? (
                  <Link href={crumb.href} className="truncate text-zinc-500 hover:text-zinc-900">
                    {crumb.label}
                  </Link>
                ) : (
                  <span aria-current={last ? "page" : undefined} className="truncate font-medium text-zinc-900">
                    {crumb.label}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <div className="flex items-center gap-3">
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
        <UserMenu />
      </div>
    </header>
  );
}
