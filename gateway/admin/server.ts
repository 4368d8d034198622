import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { errorFields } from "../logger";
import { createTokenCheck } from "./auth";
import { sendAdminError } from "./reply";
import { createAdminRouter, type AdminServerDeps } from "./routes";

export type { AdminServerDeps } from "./routes";

/**
 * The admin API, on its own port (loopback by default); its endpoints are
 * listed in routes.ts. Everything but the probes needs
 * `Authorization: Bearer <GATEWAY_ADMIN_TOKEN>`, checked before the path is
 * known to exist so that callers without the token learn nothing about it.
 */
export function createAdminServer(deps: AdminServerDeps): Server {
  const authorized = createTokenCheck(deps.token);
  const router = createAdminRouter(deps);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://admin");
    const method = req.method ?? "GET";
    const found = router.find(method, url.pathname);
    if (found?.route.isPublic !== true && !authorized(req.headers.authorization)) {
      res.setHeader("www-authenticate", 'Bearer realm="portico-gateway-admin"');
      sendAdminError(res, 401, "unauthorized", "Send the gateway's admin token as 'Authorization: Bearer <token>'.");
      return;
    }
    if (found === null) {
      sendAdminError(res, 404, "not_found", `No admin endpoint ${method} ${url.pathname}.`);
      return;
    }
    await found.route.handle({ req, res, url, params: found.params });
  }

  // Pushes come seconds or minutes apart. With Node's 5 s keep-alive a client
  // reusing its pooled connection races the server closing it (EPIPE mid-upload);
  // a long idle timeout, announced in the Keep-Alive header, avoids that.
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.logger.error("Admin request failed.", { method: req.method, url: req.url, ...errorFields(error) });
      if (!res.headersSent) sendAdminError(res, 500, "internal", "The admin request failed inside the gateway; see the gateway's log.");
      else res.destroy();
    });
  });
  server.headersTimeout = 66_000;
  return server;
}
