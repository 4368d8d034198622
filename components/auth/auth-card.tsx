import type { ReactNode } from "react";

/** The frame of the pages shown before sign-in: sign-in, first-run setup, accepting an invitation. */
export function AuthCard({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2.5">
          <svg aria-hidden viewBox="0 0 32 32" className="size-7">
            <rect width="32" height="32" rx="8" className="fill-zinc-900" />
            <path d="M9 24V12a7 7 0 0 1 14 0v12" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
            <path d="M14 24v-7h4v7" fill="#fff" />
          </svg>
          <span className="text-lg font-semibold tracking-tight text-zinc-900">Portico</span>
        </div>
        <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
          <h1 className="text-base font-semibold text-zinc-900">{title}</h1>
          {intro ? <div className="mt-1 text-sm text-zinc-500">{intro}</div> : null}
          <div className="mt-5">{children}</div>
        </section>
        {footer ? <div className="mt-4 text-center text-xs text-zinc-500">{footer}</div> : null}
      </div>
    </main>
  );
}
