"use client";

import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";
import { cn } from "@/components/lib/cn";
import { useFieldControl } from "./field";

export const controlClass =
  "w-full rounded-md bg-white text-sm text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-200 transition-shadow placeholder:text-zinc-400 hover:ring-zinc-300 focus:ring-2 focus:ring-accent-500 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500 aria-invalid:ring-red-400 aria-invalid:focus:ring-red-500";

export type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  ref?: Ref<HTMLInputElement>;
  /** Fixed text shown inside the field before the value, e.g. a parent path. */
  prefix?: ReactNode;
  leadingIcon?: ReactNode;
};

export function Input({ className, prefix, leadingIcon, ...props }: InputProps) {
  const control = useFieldControl(props);
  const input = (
    <input
      {...props}
      {...control}
      className={cn(controlClass, "h-9 px-3", leadingIcon ? "pl-9" : null, prefix ? "rounded-l-none" : null, className)}
    />
  );
  if (prefix) {
    return (
      <div className="flex">
        <span className="inline-flex max-w-[55%] items-center truncate rounded-l-md bg-zinc-50 px-3 font-mono text-[13px] text-zinc-500 ring-1 ring-inset ring-zinc-200">
          {prefix}
        </span>
        <div className="-ml-px min-w-0 flex-1">{input}</div>
      </div>
    );
  }
  if (leadingIcon) {
    return (
      <div className="relative">
        <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-zinc-400">{leadingIcon}</span>
        {input}
      </div>
    );
  }
  return input;
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> };

export function Textarea({ className, ...props }: TextareaProps) {
  const control = useFieldControl(props);
  return <textarea {...props} {...control} className={cn(controlClass, "min-h-20 px-3 py-2", className)} />;
}
