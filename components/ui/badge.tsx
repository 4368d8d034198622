import type { ReactNode } from "react";
import { cn } from "@/components/lib/cn";

type Tone = "neutral" | "accent" | "green" | "amber" | "red" | "sky" | "violet";

const tones: Record<Tone, string> = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  accent: "bg-accent-50 text-accent-700 ring-accent-100",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200/70",
  amber: "bg-amber-50 text-amber-700 ring-amber-200/70",
  red: "bg-red-50 text-red-700 ring-red-200/70",
  sky: "bg-sky-50 text-sky-700 ring-sky-200/70",
  violet: "bg-violet-50 text-violet-700 ring-violet-200/70",
};

export function Badge({ tone = "neutral", className, children }: { tone?: Tone; className?: string; children: ReactNode }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded px-1.5 py-px text-[11px] leading-4 font-medium ring-1 ring-inset",
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

const methodTones: Record<string, Tone> = {
  GET: "green",
  POST: "sky",
  PUT: "amber",
  PATCH: "violet",
  DELETE: "red",
  HEAD: "neutral",
  OPTIONS: "neutral",
  ANY: "accent",
};

/** An HTTP verb in the colour people know from API tools. */
export function MethodBadge({ method, className }: { method: string; className?: string }) {
  return (
    <Badge tone={methodTones[method] ?? "neutral"} className={cn("font-mono text-[10.5px] tracking-wide", className)}>
      {method}
    </Badge>
  );
}
