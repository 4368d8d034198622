"use client";

import { ArrowLeftRight, Braces, Globe, Sparkles, Zap } from "lucide-react";
import type { ReactNode } from "react";
import type { IntegrationType } from "@/components/apis/types";
import { cn } from "@/components/lib/cn";

const OPTIONS: Array<{ value: IntegrationType; label: string; description: string; icon: ReactNode }> = [
  {
    value: "HTTP_PROXY",
    label: "HTTP proxy",
    description: "Pass the request through to an HTTP endpoint, as is.",
    icon: <ArrowLeftRight aria-hidden className="size-4" />,
  },
  {
    value: "HTTP",
    label: "HTTP",
    description: "Call an HTTP endpoint with a fixed method and mappings.",
    icon: <Globe aria-hidden className="size-4" />,
  },
  {
    value: "MOCK",
    label: "Mock",
    description: "Answer from the gateway, from a response or templates.",
    icon: <Sparkles aria-hidden className="size-4" />,
  },
  {
    value: "AWS_PROXY",
    label: "Lambda proxy",
    description: "Invoke a Lambda function with the whole request as its event.",
    icon: <Zap aria-hidden className="size-4" />,
  },
  {
    value: "AWS",
    label: "Lambda",
    description: "Invoke a Lambda function through mapping templates.",
    icon: <Braces aria-hidden className="size-4" />,
  },
];

export function IntegrationTypePicker({
  value,
  onChange,
  name,
}: {
  value: IntegrationType;
  onChange: (value: IntegrationType) => void;
  name: string;
}) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-[13px] font-medium text-zinc-800">Integration type</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-5">
        {OPTIONS.map((option) => {
          const checked = option.value === value;
          return (
            <label
              key={option.value}
              className={cn(
                "relative flex cursor-pointer flex-col gap-1 rounded-lg p-3 ring-1 transition-all ring-inset has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent-500",
                checked ? "bg-accent-50/60 ring-accent-500" : "bg-white ring-zinc-200 hover:ring-zinc-300",
              )}
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={checked}
                onChange={() => onChange(option.value)}
                // Transparent over the whole card: clicks anywhere land on the radio itself.
                className="absolute inset-0 cursor-pointer opacity-0"
              />
              <span className={cn("flex items-center gap-2 text-[13px] font-medium", checked ? "text-accent-700" : "text-zinc-900")}>
                {option.icon}
                {option.label}
              </span>
              <span className="text-xs leading-snug text-zinc-500">{option.description}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
