import type { ReactNode } from "react";

/** The frame of the portal's sign-in, sign-up and confirmation pages. */
export function PortalCard({
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
    <div className="mx-auto w-full max-w-sm py-6">
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
        <h1 className="text-base font-semibold text-zinc-900">{title}</h1>
        {intro ? <div className="mt-1 text-sm text-zinc-500">{intro}</div> : null}
        <div className="mt-5">{children}</div>
      </section>
      {footer ? <div className="mt-4 text-center text-xs text-zinc-500">{footer}</div> : null}
    </div>
  );
}
