"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while React hydrates server HTML (and on the server), true after.
 * A part of the page that hydrates late must first render what the server
 * rendered, even when data it depends on has arrived in the meantime.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
