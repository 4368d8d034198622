import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RotatingFile, workerLogPath } from "./log-file";

let dir = "";
afterEach(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("RotatingFile", () => {
  it("rotates by size, keeping the configured number of older files, newest as .1, and loses no line", async () => {
    dir = await mkdtemp(join(tmpdir(), "portico-log-"));
    const path = join(dir, "access.log");
    const file = new RotatingFile(path, 100, 2);
    const lines = Array.from({ length: 12 }, (_, i) => `line ${String(i).padStart(2, "0")} ${"x".repeat(30)}\n`);
    for (const line of lines) file.write(line);
    file.close();
    expect((await readdir(dir)).sort()).toEqual(["access.log", "access.log.1", "access.log.2"]);
    const kept = [await readFile(`${path}.2`, "utf8"), await readFile(`${path}.1`, "utf8"), await readFile(path, "utf8")].join("");
    expect(kept).toBe(lines.slice(lines.length - kept.split("\n").length + 1).join(""));
    for (const name of ["access.log", "access.log.1", "access.log.2"]) {
      expect((await readFile(join(dir, name))).length).toBeLessThanOrEqual(100);
    }
  });

  it("gives each cluster worker a file of its own", () => {
    expect(workerLogPath("/var/log/portico/access.log", 2)).toBe("/var/log/portico/access-2.log");
    expect(workerLogPath("/var/log/portico/access", 3)).toBe("/var/log/portico/access-3");
  });
});
