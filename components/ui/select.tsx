"use client";

import { ChevronDown } from "lucide-react";
import type { Ref, SelectHTMLAttributes } from "react";
import { cn } from "@/components/lib/cn";
import { useFieldControl } from "./field";
import { controlClass } from "./input";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  options: SelectOption[];
  ref?: Ref<HTMLSelectElement>;
};

// A native select: keyboard, screen readers and mobile pickers work for free.
export function Select({ options, className, ...props }: SelectProps) {
  const control = useFieldControl(props);
  return (
    <div className={cn("relative", className)}>
      <select {...props} {...control} className={cn(controlClass, "h-9 cursor-pointer appearance-none pr-8 pl-3")}>
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-400" />
    </div>
  );
}
