import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * An append-only log file rotated by size: when a write would take it past
 * `maxBytes`, `<path>.1 … <path>.<files-1>` move up one (the oldest is
 * removed), the file becomes `<path>.1` and a new one is started. Writes are
 * synchronous and come in batches (see access-log.ts), so lines are never
 * interleaved or reordered by a rotation.
 */
export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
    /** Rotated files kept beside the current one. */
    private readonly files: number,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, "a");
    this.size = statSync(path).size;
  }

  write(chunk: string): void {
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd, chunk);
    this.size += bytes;
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.path}.${this.files}`, { force: true });
    for (let index = this.files - 1; index >= 1; index--) {
      try {
        renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    renameSync(this.path, `${this.path}.1`);
    this.fd = openSync(this.path, "a");
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The file a cluster worker writes: `access.log` → `access-2.log` for worker 2, so workers never rotate each other's file. */
export function workerLogPath(path: string, workerId: number): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? `${path.slice(0, dot)}-${workerId}${path.slice(dot)}` : `${path}-${workerId}`;
}
