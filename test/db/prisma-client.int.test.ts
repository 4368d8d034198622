import { afterAll, describe, expect, inject, it } from "vitest";

import { prisma } from "@/lib/server/db";

afterAll(async () => {
  await prisma.$disconnect();
});

describe("the shared Prisma client in integration tests", () => {
  it("connects to this run's fresh test database, set up before the tests started", async () => {
    const expected = new URL(inject("databaseUrl")).pathname.slice(1);
    const [row] = await prisma.$queryRaw<Array<{ name: string }>>`SELECT current_database() AS name`;
    expect(row?.name).toBe(expected);
  });

  it("runs domain writes in interactive transactions that roll back as a whole", async () => {
    const name = `rollback-${Date.now()}`;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.api.create({ data: { name } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await prisma.api.count({ where: { name } })).toBe(0);
  });

  it("surfaces a database CHECK violation as an error instead of storing the row", async () => {
    await expect(prisma.api.create({ data: { name: "   " } })).rejects.toThrow(/Api_name_check/);
  });
});
