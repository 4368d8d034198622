"use client";

import { TriangleAlert } from "lucide-react";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";

/**
 * The one moment a key's value is on screen. The console keeps only its hash,
 * so the text says plainly that it cannot be shown again.
 */
export function RevealedKey({ value, name }: { value: string; name: string }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2 rounded-lg bg-zinc-950 px-3 py-2.5">
        <code data-testid="revealed-api-key" className="min-w-0 flex-1 font-mono text-[13px] break-all text-emerald-300 select-all">
          {value}
        </code>
        <CopyButton value={value} label={`Copy API key ${name}`} className="text-zinc-400 hover:bg-zinc-800 hover:text-white" />
      </div>
      <p
        role="note"
        className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-800 ring-1 ring-amber-200/70 ring-inset"
      >
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          Copy this key now: you won&apos;t see it again. Portico stores only a hash of it. If it is lost, rotate the key to issue a new
          one.
        </span>
      </p>
    </div>
  );
}

/** The dialog a new key is shown in, after issuing or rotating: it closes only by the person's word. */
export function RevealedKeyDialog({
  open,
  title,
  description,
  value,
  name,
  onClose,
}: {
  open: boolean;
  title: string;
  description: string;
  value: string;
  name: string;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      title={title}
      description={description}
      footer={
        <Button variant="primary" onClick={onClose}>
          I have copied the key
        </Button>
      }
    >
      <RevealedKey value={value} name={name} />
    </Dialog>
  );
}
