/**
 * Runs a whole sequence of service calls as ONE transaction, so a failure anywhere leaves the
 * database exactly as it was. The services each open their own transaction (kysely's
 * `db.transaction()`, which cannot nest), so the sequence runs with a context whose kysely turns
 * each of those into a SAVEPOINT inside one outer transaction on the same connection; writes made
 * straight through `ctx.sqlite` (the spend importer's lines) are inside it too, and better-sqlite3's
 * own `transaction()` helper nests as savepoints by itself.
 */
import { CamelCasePlugin, CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { ServiceContext } from '../core/context';

const STEP = 'one_step';

/** A service's transaction, as a savepoint of the outer one. Kysely holds the connection for a
 * transaction's whole life, so at most one step is open at a time and one name is enough. */
class SavepointDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${STEP}`));
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${STEP}`));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${STEP}`));
    await connection.executeQuery(CompiledQuery.raw(`release ${STEP}`));
  }
}

class SavepointDialect extends SqliteDialect {
  constructor(private readonly sqlite: ServiceContext['sqlite']) {
    super({ database: sqlite });
  }
  override createDriver(): Driver {
    return new SavepointDriver({ database: this.sqlite });
  }
}

/**
 * Calls `run` with a context whose every write is part of one transaction: committed when `run`
 * resolves, rolled back — every row of every step — when it throws. The caller must hold the
 * write turn (nothing else may write on this connection meanwhile).
 */
export async function inOneTransaction<T>(ctx: ServiceContext, run: (inner: ServiceContext) => Promise<T>): Promise<T> {
  // Never destroyed: destroying a kysely closes its connection, which is the workbench's.
  const db = new Kysely<never>({ dialect: new SavepointDialect(ctx.sqlite), plugins: [new CamelCasePlugin()] }) as unknown as ServiceContext['db'];
  // 'cli' keeps a spend import on this thread and connection: a worker's own connection would
  // wait for this transaction's write lock, and its lines would not be part of it.
  const inner: ServiceContext = { ...ctx, db, mode: 'cli' };
  ctx.sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await run(inner);
    ctx.sqlite.exec('COMMIT');
    return result;
  } catch (e) {
    if (ctx.sqlite.inTransaction) ctx.sqlite.exec('ROLLBACK');
    throw e;
  }
}
