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

  /** Appends whole lines; a batch that crosses the size limit is split at a line break and continues in the new file. */
  write(chunk: string): void {
    let rest = chunk;
    while (rest !== "") {
      const bytes = Buffer.byteLength(rest);
      if (this.size + bytes <= this.maxBytes) {
        this.append(rest, bytes);
        return;
      }
      const room = this.maxBytes - this.size;
      let cut = 0;
      let cutBytes = 0;
      for (let end = rest.indexOf("\n"); end !== -1; end = rest.indexOf("\n", end + 1)) {
        const lineBytes = Buffer.byteLength(rest.slice(cut, end + 1));
        if (cutBytes + lineBytes > room) break;
        cutBytes += lineBytes;
        cut = end + 1;
      }
      if (cut === 0 && this.size === 0) {
        // One line longer than the limit: it gets a file of its own rather than being cut.
        const end = rest.indexOf("\n");
        cut = end === -1 ? rest.length : end + 1;
        cutBytes = Buffer.byteLength(rest.slice(0, cut));
      }
      if (cut > 0) this.append(rest.slice(0, cut), cutBytes);
      rest = rest.slice(cut);
      if (rest !== "") this.rotate();
    }
  }

  private append(text: string, bytes: number): void {
    writeSync(this.fd, text);
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
