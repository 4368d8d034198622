// @vitest-environment happy-dom

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, createElement } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { MeDto } from "@/lib/schemas/auth";

import { ME_QUERY_KEY, useMe } from "./use-me";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const me: MeDto = { user: { id: "u1", email: "ana@example.com", name: "Ana", role: "admin" }, via: "session", passwordSignIn: true };

function SignedIn() {
  const { data } = useMe();
  return createElement("p", null, data ? data.user.name : "nobody yet");
}

describe("useMe", () => {
  it("hydrates to the server's HTML even when the user arrived before that part hydrated, then shows the user", async () => {
    const client = new QueryClient();
    const tree = () => createElement(QueryClientProvider, { client }, createElement(SignedIn));
    const container = document.createElement("div");
    container.innerHTML = renderToString(tree());
    expect(container.textContent).toBe("nobody yet");

    // Another part of the page asked for the user and got the answer first.
    client.setQueryData(ME_QUERY_KEY, me);
    const mismatches: unknown[] = [];
    await act(async () => {
      hydrateRoot(container, tree(), { onRecoverableError: (error) => mismatches.push(error) });
      await Promise.resolve();
    });
    expect(mismatches).toEqual([]);
    expect(container.textContent).toBe("Ana");
  });
});
