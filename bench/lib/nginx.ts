import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { waitForPort } from "./net";
import { stopProcess } from "./processes";
import { UPSTREAM_BODY } from "./upstream-body";

const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

export function findNginx(): string | null {
  return NGINX_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export interface NginxInstance {
  port: number;
  pid: number;
  child: ChildProcess;
  stop: () => Promise<void>;
}

function config(dir: string, server: string): string {
  // One worker, no logs, everything under a temp dir: a fair single-core
  // peer for a single Node process, runnable without root.
  return `
worker_processes 1;
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 4096; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  ${server}
}
`;
}

async function startNginx(binary: string, port: number, server: string): Promise<NginxInstance> {
  const dir = mkdtempSync(join(tmpdir(), "portico-bench-nginx-"));
  const file = join(dir, "nginx.conf");
  writeFileSync(file, config(dir, server));
  const child = spawn(binary, ["-p", dir, "-c", file], { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`nginx exited with code ${code}; see ${dir}/error.log`))),
  );
  await Promise.race([waitForPort(port), exited]);
  exited.catch(() => {});
  return {
    port,
    pid: child.pid ?? 0,
    child,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx answering every request itself with the benchmark's JSON body. */
export function startNginxUpstream(binary: string, port: number): Promise<NginxInstance> {
  const body = UPSTREAM_BODY.replace(/'/g, "\\'");
  return startNginx(
    binary,
    port,
    `server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location / { default_type application/json; return 200 '${body}'; }
  }`,
  );
}

/** nginx as a reverse proxy with upstream keep-alive, the usual production setup. */
export function startNginxProxy(binary: string, port: number, upstreamPort: number): Promise<NginxInstance> {
  return startNginx(
    binary,
    port,
    `upstream backend { server 127.0.0.1:${upstreamPort}; keepalive 256; }
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }`,
  );
}
