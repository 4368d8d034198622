import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const ignored = ["node_modules/**", ".next/**", ".data/**", "e2e/**", "dist/**"];

// Two projects: fast unit tests beside the code, and integration tests
// (*.int.test.ts) that talk to a real PostgreSQL, Redis or gateway process.
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/server/** starts with `import "server-only"`, which throws outside a
      // React server bundle; tests load those modules directly, as the server does.
      "server-only": `${root}node_modules/server-only/empty.js`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "gateway/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...ignored, "**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ignored,
          environment: "node",
          globalSetup: ["test/setup/database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
