import { describe, expect, it } from "vitest";

import { generateApiKey } from "./api-key-format";
import { KeysCsvError, parseApiKeysCsv } from "./parse-api-keys-csv";

const foreignKey = "abcdefghij0123456789XYZ";

describe("parseApiKeysCsv", () => {
  it("reads AWS's columns in any order and case, with several plan ids in one quoted field", () => {
    const key = generateApiKey();
    const { rows, problems } = parseApiKeysCsv(`Key,NAME,usageplanIds,Enabled,description\n${key},alice,"p1,p2",false,first\n`);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 2, name: "alice", key, description: "first", enabled: false, usagePlanIds: ["p1", "p2"] }]);
  });

  it("reports each bad line by its number and keeps the good ones", () => {
    const good = generateApiKey();
    const typo = `${good.slice(0, 10)}${good[10] === "A" ? "B" : "A"}${good.slice(11)}`;
    const text = [
      "name,key,enabled",
      `ok,${good},true`,
      "short,tooshort,true",
      `typo,${typo},true`,
      "",
      `again,${good},true`,
      `,${foreignKey},maybe`,
    ].join("\n");
    const { rows, problems } = parseApiKeysCsv(text);
    expect(rows.map((row) => row.line)).toEqual([2]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 6, 7]);
    expect(problems[0]?.message).toMatch(/20 to 128/);
    expect(problems[1]?.message).toMatch(/checksum/);
    expect(problems[2]?.message).toMatch(/already on line 2/);
    expect(problems[3]?.message).toMatch(/name is empty.*enabled must be/);
  });

  it("never repeats a key in its messages", () => {
    const { problems } = parseApiKeysCsv(`name,key,enabled\nx,${foreignKey},nope\ny,${foreignKey},true\n`);
    for (const problem of problems) expect(problem.message).not.toContain(foreignKey);
  });

  it("refuses a header without key or name, and unknown columns, naming line 1", () => {
    expect(() => parseApiKeysCsv("name,description\nx,y")).toThrow(KeysCsvError);
    expect(() => parseApiKeysCsv("name,key,owner\n")).toThrow(/Line 1: unknown column 'owner'/);
    expect(() => parseApiKeysCsv("")).toThrow(/empty/);
  });

  it("accepts a byte-order mark and Windows line ends", () => {
    const { rows } = parseApiKeysCsv(`\uFEFFname,key\r\nbob,${foreignKey}\r\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("bob");
  });
});
