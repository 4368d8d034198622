// Prisma's schema engine, run offline.
//
// The Prisma CLI downloads a native schema engine before every migrate
// command, which fails without internet access. The same engine ships inside
// the CLI package as WebAssembly (prisma/build/schema_engine_bg.wasm); with
// the JS glue from @prisma/schema-engine-wasm and a driver adapter it does
// everything `prisma migrate` does, writes the same migrations layout and the
// same _prisma_migrations table, so `prisma migrate deploy` elsewhere accepts
// what this produces.
//
// The driver adapter is @prisma/adapter-pg with four corrections that the
// migration path needs (each reproduced against adapter-pg 7.10):
//   1. Postgres "char" columns (OID 18, used all over pg_catalog) are not
//      mapped, so every schema read fails. They are reported as Character.
//   2. Its shadow database factory replays migrations onto the main database
//      when given a URL. We create and drop the shadow database ourselves.
//   3. Its executeScript splits on ";", which breaks $$ function bodies and
//      leaves a failing migration half-applied. We send the whole script as
//      one simple query, which PostgreSQL runs as one implicit transaction.
//   4. The engine leaves timers behind. Ours are unref'd and every pool we
//      open is ended on close(), so callers exit without waiting.

import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ConnectionInfo,
  type ErrorRegistry,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export type { SchemaEngine };

const CHAR_OID = 18;
const TEXT_OID = 25;

/** Connection parameters for pg, parsed from a postgresql:// URL. */
export function connectionConfigFromUrl(url: string): pg.ClientConfig {
  const parsed = new URL(url);
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`Expected a postgresql:// URL, got "${parsed.protocol}//...".`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.username ? decodeURIComponent(parsed.username) : "postgres",
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: database || "postgres",
    ssl: ["require", "verify-ca", "verify-full"].includes(parsed.searchParams.get("sslmode") ?? "") ? true : undefined,
  };
}

// adapter-pg's queryables run every query through a private performIO that
// returns pg's raw result. Intercepting it is the only place where the column
// OIDs are visible before adapter-pg maps (and rejects) them.
interface PgQueryableInternals {
  performIO(query: SqlQuery): Promise<pg.QueryArrayResult<unknown[]>>;
}

function hasPerformIO(queryable: object): queryable is PgQueryableInternals {
  return typeof (queryable as Partial<PgQueryableInternals>).performIO === "function";
}

/**
 * Makes a queryable from adapter-pg report "char" columns as Character
 * instead of failing. The result rows array identifies which query a set of
 * "char" columns belongs to, so concurrent queries cannot mix them up.
 */
function withCharColumns<T extends SqlQueryable>(queryable: T): T {
  if (!hasPerformIO(queryable)) {
    throw new Error("@prisma/adapter-pg no longer exposes performIO; scripts/db/engine.ts needs updating for this adapter version.");
  }
  const charColumns = new WeakMap<unknown[][], number[]>();
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        indexes.push(index);
        // Relabelled so adapter-pg's own mapping accepts it; corrected below.
        field.dataTypeID = TEXT_OID;
      }
    });
    if (indexes.length > 0) charColumns.set(result.rows, indexes);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const resultSet = await queryRaw(query);
    for (const index of charColumns.get(resultSet.rows) ?? []) {
      resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return resultSet;
  };
  return queryable;
}

/** A driver adapter for one database, owning its pool. */
class MigrationPgAdapter implements SqlDriverAdapter {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly pool: pg.Pool,
    private readonly onDispose: () => Promise<void>,
  ) {
    withCharColumns(inner);
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  async executeScript(script: string): Promise<void> {
    // One simple-protocol query: PostgreSQL runs a multi-statement string as a
    // single implicit transaction, so a failing migration leaves nothing behind.
    // The pg error is rethrown as is; the engine reports it by id and
    // SchemaEngineSession turns that id back into this error's message.
    await this.pool.query(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return withCharColumns(await this.inner.startTransaction(isolationLevel));
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {
    await this.onDispose();
  }
}

/**
 * The migration-aware factory handed to the engine: main database and shadow
 * database, each with its own pool, all of which close() ends.
 */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly cleanups = new Set<() => Promise<void>>();

  constructor(private readonly config: pg.ClientConfig) {}

  private async open(config: pg.ClientConfig, afterPoolEnd?: () => Promise<void>): Promise<MigrationPgAdapter> {
    const pool = new pg.Pool({ ...config, max: 4 });
    // An idle client dropped by the server must not crash the process.
    pool.on("error", () => {});
    const inner = await new PrismaPg(pool).connect();
    let disposed = false;
    const cleanup = async () => {
      if (disposed) return;
      disposed = true;
      this.cleanups.delete(cleanup);
      await inner.dispose();
      await pool.end();
      await afterPoolEnd?.();
    };
    this.cleanups.add(cleanup);
    return new MigrationPgAdapter(inner, pool, cleanup);
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.config);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client(this.config);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } catch (error) {
      await admin.end();
      throw error;
    }
    // The shadow pool must be ended before the database can be dropped.
    return this.open({ ...this.config, database }, async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    });
  }

  async closeAll(): Promise<void> {
    for (const cleanup of [...this.cleanups]) await cleanup();
  }
}

type GlueModule = typeof glue;
let loaded: Promise<GlueModule> | undefined;

function schemaEngineWasmPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm");
}

/**
 * Instantiates the engine's WebAssembly once per process. The glue keeps the
 * instance in module state, so there can only be one anyway.
 */
export function loadSchemaEngine(): Promise<GlueModule> {
  loaded ??= (async () => {
    const globals = globalThis as typeof globalThis & {
      PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void };
    };
    // The glue reports Rust panics through this global; without it a panic
    // surfaces as an unrelated TypeError.
    globals.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanicMessage = message;
      },
    };
    // The glue's import functions are not part of its type declarations.
    const imports: Record<string, unknown> = { ...(glue as unknown as Record<string, unknown>) };
    for (const [name, original] of Object.entries(imports)) {
      if (name.startsWith("__wbg_setTimeout_") && typeof original === "function") {
        const setTimer = original as (callback: () => void, ms: number) => NodeJS.Timeout;
        // The engine's timers (connection idle checks) must not keep a finished script alive.
        imports[name] = (callback: () => void, ms: number) => setTimer(callback, ms).unref();
      }
    }
    const bytes = await readFile(schemaEngineWasmPath());
    const wasmModule = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(wasmModule, {
      "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return glue;
  })();
  return loaded;
}

let lastPanicMessage: string | undefined;

/** An engine error with the real cause (driver error or panic) in its message. */
export class SchemaEngineError extends Error {
  constructor(
    message: string,
    readonly errorCode?: string,
    options?: { cause?: unknown; migrationName?: string; engineTrace?: string },
  ) {
    super(message, options);
    this.name = "SchemaEngineError";
    this.migrationName = options?.migrationName;
    this.engineTrace = options?.engineTrace;
  }

  /** The migration that was being applied when the error happened, if any. */
  readonly migrationName?: string;
  /** The engine's own message and span trace, kept for debugging. */
  readonly engineTrace?: string;
}

interface EngineErrorShape {
  message?: unknown;
  error_code?: unknown;
  meta?: unknown;
}

function describeDriverError(error: unknown): string {
  if (error instanceof Error) {
    const details = error as Error & { code?: unknown; detail?: unknown; hint?: unknown };
    return [
      details.message,
      typeof details.code === "string" ? `(SQLSTATE ${details.code})` : "",
      typeof details.detail === "string" ? `\n  Detail: ${details.detail}` : "",
      typeof details.hint === "string" ? `\n  Hint: ${details.hint}` : "",
    ]
      .filter(Boolean)
      .join(" ");
  }
  return String(error);
}

/**
 * Engine failures come back as JSON text or objects; a driver error only as
 * an id into the adapter's error registry. This recovers the original error
 * so that "relation already exists" reads as such rather than as a panic.
 */
function toSchemaEngineError(error: unknown, registry: ErrorRegistry): SchemaEngineError {
  let shape: EngineErrorShape | undefined;
  const raw = error instanceof Error ? error.message : error;
  if (typeof raw === "string") {
    try {
      shape = JSON.parse(raw) as EngineErrorShape;
    } catch {
      shape = { message: raw };
    }
  } else if (raw && typeof raw === "object") {
    shape = raw;
  }
  let message = typeof shape?.message === "string" ? shape.message : String(raw);
  const meta = shape?.meta && typeof shape.meta === "object" ? (shape.meta as { id?: unknown }) : undefined;
  const ids = new Set<number>();
  if (typeof meta?.id === "number") ids.add(meta.id);
  for (const match of message.matchAll(/error id#(\d+)|"id":\s*(\d+)/g)) ids.add(Number(match[1] ?? match[2]));
  const causes = [...ids]
    .map((id) => registry.consumeError(id))
    .filter((record) => record !== undefined)
    .map((record) => describeDriverError(record.error));
  const engineTrace = message;
  const migrationName = /migration_name="([^"]+)"/.exec(message)?.[1];
  // The driver's error says what went wrong; the engine's text around an
  // error id is only a trace of where.
  if (causes.length > 0) message = causes.join("\n");
  if (lastPanicMessage && /panic|unreachable/i.test(message)) {
    message = `${message}\n  Engine panic: ${lastPanicMessage}`;
    lastPanicMessage = undefined;
  }
  const code = typeof shape?.error_code === "string" ? shape.error_code : undefined;
  return new SchemaEngineError(message, code, { cause: error, migrationName, engineTrace });
}

/** One engine bound to one database URL and one Prisma schema. Always close() it. */
export interface SchemaEngineSession {
  /** Runs an engine command, turning its failures into readable SchemaEngineErrors. */
  run<T>(command: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SchemaFile {
  path: string;
  content: string;
}

export interface OpenSchemaEngineOptions {
  /** Receives the engine's JSON log lines (tracing); ignored by default. */
  onLog?: (line: string) => void;
}

export async function openSchemaEngine(
  url: string,
  schema: SchemaFile,
  options: OpenSchemaEngineOptions = {},
): Promise<SchemaEngineSession> {
  const { SchemaEngine } = await loadSchemaEngine();
  const factory = new MigrationAdapterFactory(connectionConfigFromUrl(url));
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (line: string) => options.onLog?.(line);
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, bound);
  } catch (error) {
    await factory.closeAll();
    throw toSchemaEngineError(error, bound.errorRegistry);
  }
  let closed = false;
  return {
    async run(command) {
      if (closed) throw new Error("This schema engine session is closed.");
      try {
        return await command(engine);
      } catch (error) {
        throw toSchemaEngineError(error, bound.errorRegistry);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await factory.closeAll();
    },
  };
}
