/** Operational log lines (start, stop, config changes, failures): JSON on stderr, separate from the access log. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

function line(level: string, msg: string, fields?: Record<string, unknown>): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`;
}

export function createLogger(out: NodeJS.WritableStream = process.stderr): Logger {
  return {
    info: (msg, fields) => out.write(line("info", msg, fields)),
    warn: (msg, fields) => out.write(line("warn", msg, fields)),
    error: (msg, fields) => out.write(line("error", msg, fields)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, code: (error as { code?: unknown }).code, stack: error.stack };
  return { error: String(error) };
}
