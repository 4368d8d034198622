import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * The last good configuration on disk, so a gateway restarted while the
 * console is down serves what it served before. One file per stage and one
 * for consumers; each write is atomic (temporary file, fsync, rename, fsync
 * of the folder), so a crash leaves either the old file or the new one.
 */
export class ConfigStore {
  private readonly stagesDir: string;
  private readonly consumersFile: string;
  private counter = 0;

  constructor(readonly dataDir: string) {
    this.stagesDir = join(dataDir, "stages");
    this.consumersFile = join(dataDir, "consumers.json");
  }

  async init(): Promise<void> {
    await mkdir(this.stagesDir, { recursive: true });
    // Temporary files are only left behind by a crash mid-write; the renamed files are the truth.
    for (const dir of [this.dataDir, this.stagesDir]) {
      for (const name of await readdir(dir)) {
        if (name.endsWith(".tmp")) await unlink(join(dir, name)).catch(() => undefined);
      }
    }
  }

  /** Ids are restricted to [A-Za-z0-9_-] by the contract, so "~" cannot occur in either part. */
  private stageFile(apiId: string, stage: string): string {
    return join(this.stagesDir, `${apiId}~${stage}.json`);
  }

  async saveStage(apiId: string, stage: string, doc: unknown): Promise<void> {
    await this.saveStageText(apiId, stage, JSON.stringify(doc));
  }

  /** The document already serialised (the canonical JSON its hash was computed from). */
  async saveStageText(apiId: string, stage: string, json: string): Promise<void> {
    await this.writeAtomic(this.stagesDir, this.stageFile(apiId, stage), json);
  }

  async deleteStage(apiId: string, stage: string): Promise<void> {
    try {
      await unlink(this.stageFile(apiId, stage));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    await this.syncDir(this.stagesDir);
  }

  async saveConsumers(doc: unknown): Promise<void> {
    await this.saveConsumersText(JSON.stringify(doc));
  }

  async saveConsumersText(json: string): Promise<void> {
    await this.writeAtomic(this.dataDir, this.consumersFile, json);
  }

  /** Every stored document as parsed JSON, with the file it came from; unreadable files are reported, not thrown. */
  async loadAll(): Promise<{
    stages: { file: string; doc: unknown }[];
    consumers: unknown;
    problems: { file: string; error: string }[];
  }> {
    const problems: { file: string; error: string }[] = [];
    const stages: { file: string; doc: unknown }[] = [];
    for (const name of (await readdir(this.stagesDir)).sort()) {
      if (!name.endsWith(".json")) continue;
      const file = join(this.stagesDir, name);
      try {
        stages.push({ file, doc: JSON.parse(await readFile(file, "utf8")) });
      } catch (error) {
        problems.push({ file, error: (error as Error).message });
      }
    }
    let consumers: unknown = null;
    try {
      consumers = JSON.parse(await readFile(this.consumersFile, "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") problems.push({ file: this.consumersFile, error: (error as Error).message });
    }
    return { stages, consumers, problems };
  }

  private async writeAtomic(dir: string, file: string, content: string): Promise<void> {
    this.counter += 1;
    const temporary = `${file}.${process.pid}.${this.counter}.tmp`;
    const handle = await open(temporary, "w", 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await this.syncDir(dir);
  }

  /** Makes the rename itself durable: without it a power cut may forget the new directory entry. */
  private async syncDir(dir: string): Promise<void> {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
