import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";

import Provider from "oidc-provider";

// A real OpenID Connect provider (panva's oidc-provider) on a loopback port,
// for testing single sign-on end to end. Its development login form takes
// any login name as the account id; the accounts' claims are the test's.

export type TestAccount = { email: string; email_verified?: boolean; name?: string; portico_role?: string | string[] };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Signs in at the provider as `accountId` (login and consent), following the flow from `authorizationUrl` to the redirect back to the client. */
  authorize(authorizationUrl: string, accountId: string): Promise<URL>;
  close(): Promise<void>;
};

type Jar = Map<string, string>;

function store(jar: Jar, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(";");
    const index = pair.indexOf("=");
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    const expired = attributes.some((attribute) => /expires=thu, 01 jan 1970/i.test(attribute.trim()));
    if (value === "" || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

function cookieHeader(jar: Jar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export async function startTestProvider({ redirectUri }: { redirectUri: string }): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const clientId = "portico-console";
  const clientSecret = "a-client-secret-for-tests-only-0123456789";
  // The port is taken first: the provider needs its issuer URL when made.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "portico_role"] },
    pkce: { required: () => true },
    cookies: { keys: ["cookie-signing-key-for-tests"] },
    findAccount: (_context, accountId) => {
      const account = accounts.get(accountId);
      return account ? { accountId, claims: () => ({ sub: accountId, ...account }) } : undefined;
    },
  });
  const handle = provider.callback();
  server.on("request", (request, response) => void handle(request, response));

  async function authorize(authorizationUrl: string, accountId: string): Promise<URL> {
    const jar: Jar = new Map();
    let url = new URL(authorizationUrl);
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (!url.href.startsWith(issuer)) return url;
      const response = await fetch(url, {
        method: body ? "POST" : "GET",
        body,
        redirect: "manual",
        headers: { cookie: cookieHeader(jar) },
      });
      store(jar, response);
      body = undefined;
      const location = response.headers.get("location");
      if (location) {
        url = new URL(location, url);
        continue;
      }
      const page = await response.text();
      if (!url.pathname.startsWith("/interaction/"))
        throw new Error(`Unexpected page at ${url.href}: ${response.status} ${page.slice(0, 300)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (prompt === "login") body = new URLSearchParams({ prompt, login: accountId, password: "any" });
      else if (prompt === "consent") body = new URLSearchParams({ prompt });
      else throw new Error(`Unknown interaction at ${url.href}: ${page.slice(0, 300)}`);
    }
    throw new Error("Too many redirects at the provider");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    authorize,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
