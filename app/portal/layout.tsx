import type { Metadata } from "next";
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";

import { getPortalSettings } from "@/lib/server/portal/settings";
import { pageConsumer } from "@/lib/server/portal/page-consumer";

import { SignOutButton } from "./_components/sign-out-button";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getPortalSettings();
  return { title: { default: settings.name, template: `%s · ${settings.name}` } };
}

/** The developer portal's frame: the brand set in the console, and the consumer's navigation once signed in. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [settings, consumer] = await Promise.all([getPortalSettings(), pageConsumer()]);
  // The accent is checked as #rrggbb on the way in (and by the database), so it is safe in a style.
  const style = { "--portal-accent": settings.accentColor } as CSSProperties;
  return (
    <div style={style} className="flex min-h-screen flex-col bg-zinc-50">
      <header className="border-b border-zinc-200 bg-white" style={{ borderTop: "3px solid var(--portal-accent)" }}>
        <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-6 px-6">
          <Link href="/portal" className="flex items-center gap-2.5">
            {settings.logoUrl ? (
              // A logo from anywhere the admin chose: next/image would need every host configured.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={settings.logoUrl} alt="" className="h-7 w-auto" />
            ) : null}
            <span className="text-[15px] font-semibold tracking-tight text-zinc-900">{settings.name}</span>
          </Link>
          {consumer ? (
            <nav aria-label="Portal" className="flex flex-1 items-center gap-4 text-sm">
              <Link href="/portal" className="text-zinc-600 hover:text-zinc-900">
                APIs
              </Link>
              <Link href="/portal/keys" className="text-zinc-600 hover:text-zinc-900">
                Keys and usage
              </Link>
              <span className="ml-auto text-xs text-zinc-500">{consumer.email}</span>
              <SignOutButton />
            </nav>
          ) : null}
        </div>
      </header>
      <div className="mx-auto w-full max-w-5xl flex-1 px-6 py-8">{children}</div>
    </div>
  );
}
