"use client";

import { Button, type ButtonProps } from "@/components/ui/button";

import type { Action } from "./permissions";
import { useCan } from "./use-can";

export type PermittedButtonProps = ButtonProps & {
  /** What the button does, in the server's terms (permissions.ts); "change" by default. */
  action?: Action;
  /** For stage actions: the stage, which may be protected. */
  stage?: { name: string; protected: boolean };
};

/**
 * A button for a change the signed-in user may not be allowed to make: it is
 * disabled, with the reason in its tooltip and for screen readers, instead of
 * failing on click.
 */
export function PermittedButton({ action = "change", stage, ...props }: PermittedButtonProps) {
  const can = useCan();
  const permission = can(action, { stageName: stage?.name, stageProtected: stage?.protected });
  if (permission.allowed) return <Button {...props} />;
  return (
    // A disabled button gets no pointer events in most browsers; the wrapper carries the tooltip.
    <span title={permission.reason} className="inline-flex">
      <Button {...props} disabled aria-description={permission.reason} title={permission.reason} />
    </span>
  );
}
