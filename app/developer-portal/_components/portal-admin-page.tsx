"use client";

import { ExternalLink } from "lucide-react";

import { TopBar } from "@/components/layout/page-header";

import { ConsumersSection } from "./consumers-section";
import { ListingsSection } from "./listings-section";
import { RequestsSection } from "./requests-section";
import { SettingsSection } from "./settings-section";

export function PortalAdminPage() {
  return (
    <>
      <TopBar crumbs={[{ label: "Developer portal" }]} />
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-10 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Developer portal</h1>
            <p className="mt-1 text-sm text-zinc-500">
              Publish API stages to your consumers, who sign up, read the docs, take their own keys and watch their usage.
            </p>
          </div>
          <a
            href="/portal"
            target="_blank"
            rel="noreferrer"
            className="flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900"
          >
            Open the portal <ExternalLink aria-hidden className="size-3.5" />
          </a>
        </div>
        <RequestsSection />
        <ListingsSection />
        <ConsumersSection />
        <SettingsSection />
      </main>
    </>
  );
}
