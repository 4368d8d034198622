"use client";

import { CheckCircle2, X, XCircle } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/lib/cn";

type ToastTone = "success" | "error";
type ToastItem = { id: number; tone: ToastTone; title: string; description?: string };
type ToastInput = Omit<ToastItem, "id" | "tone"> & { tone?: ToastTone };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const DISMISS_AFTER_MS = { success: 4000, error: 8000 };

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  const show = useCallback(
    (input: ToastInput) => {
      const toast: ToastItem = { tone: "success", ...input, id: nextId.current++ };
      // Keep the last few: a burst of failures should not cover the page.
      setToasts((current) => [...current.slice(-3), toast]);
      setTimeout(() => dismiss(toast.id), DISMISS_AFTER_MS[toast.tone]);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            className="pointer-events-auto flex animate-slide-up items-start gap-3 rounded-lg bg-white p-3 shadow-lg ring-1 ring-zinc-900/10"
          >
            {toast.tone === "success" ? (
              <CheckCircle2 aria-hidden className="mt-px size-4 shrink-0 text-emerald-600" />
            ) : (
              <XCircle aria-hidden className="mt-px size-4 shrink-0 text-red-600" />
            )}
            <div className="min-w-0 flex-1">
              <p className={cn("text-sm font-medium", toast.tone === "error" ? "text-red-800" : "text-zinc-900")}>{toast.title}</p>
              {toast.description ? <p className="mt-0.5 text-[13px] break-words text-zinc-500">{toast.description}</p> : null}
            </div>
            <button
              type="button"
              aria-label="Dismiss notification"
              onClick={() => dismiss(toast.id)}
              className="rounded p-0.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (toast: ToastInput) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast must be used inside <ToastProvider>.");
  return show;
}
