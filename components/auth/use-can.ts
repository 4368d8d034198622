"use client";

import { useCallback } from "react";

import { permission, type Action } from "./permissions";
import { useMe } from "./use-me";

/** `can(action)` for the signed-in user: whether it is allowed, and if not, the reason to show. */
export function useCan() {
  const { data } = useMe();
  const role = data?.user.role;
  return useCallback(
    (action: Action, options?: { stageName?: string; stageProtected?: boolean }) => permission(role, action, options),
    [role],
  );
}
