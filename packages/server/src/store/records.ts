/**
 * Tables that no billing entity owns and that are only ever addressed by key: sessions, admin staff, layouts,
 * idempotent answers, secret values of a provider. They get equality look-ups and writes by key, with an optional
 * compare-and-swap condition, and nothing else: no joins, no raw SQL, so they can never reach an entity's rows.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from './database.js';
import { statementText } from './statement-text.js';

/** A keyed table: its name and row type (column names as stored). */
export interface RecordTable<R extends Record<string, unknown>> {
  table: string;
  /** Documents the row type; never read at run time. */
  readonly row?: R;
}

export function recordTable<R extends Record<string, unknown>>(table: string): RecordTable<R> {
  return { table };
}

type Where<R> = { [K in keyof R]?: R[K] | ReadonlyArray<R[K]> };

export class Records<R extends Record<string, unknown>> {
  constructor(
    private readonly db: Db,
    private readonly definition: RecordTable<R>,
  ) {}

  private where<Q extends { where: (...args: any[]) => Q }>(query: Q, conditions: Where<R>): Q {
    if (!Object.values(conditions).some((v) => v !== undefined)) throw new Error(`${this.definition.table}: a condition is required`);
    for (const [column, value] of Object.entries(conditions)) {
      if (value === undefined) continue;
      query = Array.isArray(value) ? query.where(column, 'in', value) : value === null ? query.where(column, 'is', null) : query.where(column, '=', value);
    }
    return query;
  }

  async find(conditions: Where<R>): Promise<R | undefined> {
    const keyed = equalities(conditions);
    if (keyed) {
      // The look-ups of every request (a session, an admin): their text is built once (statement-text.ts).
      const { table } = this.definition;
      const text = statementText(this.db, `find\u0000${table}\u0000${keyed.columns.join('\u0000')}`, () =>
        keyed.columns.reduce((query, column) => query.where(column, '=', null), this.db.selectFrom(table).selectAll()).compile().sql,
      );
      return (await this.db.executeQuery(CompiledQuery.raw(text, keyed.values))).rows[0] as R | undefined;
    }
    return (await this.where(this.db.selectFrom(this.definition.table).selectAll(), conditions).executeTakeFirst()) as R | undefined;
  }

  async findAll(conditions: Where<R>): Promise<R[]> {
    return (await this.where(this.db.selectFrom(this.definition.table).selectAll(), conditions).execute()) as R[];
  }

  /** Inserts a row; with `ifAbsent`, a row whose key exists already is left alone and false is answered. */
  async insert(row: R, options: { ifAbsent?: readonly (keyof R & string)[] } = {}): Promise<boolean> {
    let query = this.db.insertInto(this.definition.table).values(row);
    if (options.ifAbsent) query = query.onConflict((oc) => oc.columns([...options.ifAbsent!]).doNothing());
    const result = await query.executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 1) === 1;
  }

  /** Sets `values` on the rows matching `conditions` (a key, plus any compare-and-swap column); answers how many. */
  async update(conditions: Where<R>, values: Partial<R>): Promise<number> {
    const result = await this.where(this.db.updateTable(this.definition.table).set(values as Record<string, unknown>), conditions).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async delete(conditions: Where<R>): Promise<number> {
    const result = await this.where(this.db.deleteFrom(this.definition.table), conditions).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** Conditions that are all `column = value` (no list, no null), as columns and values in one order; else null. */
function equalities(conditions: Record<string, unknown>): { columns: string[]; values: unknown[] } | null {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(conditions)) {
    if (value === undefined) continue;
    if (value === null || Array.isArray(value)) return null;
    columns.push(column);
    values.push(value);
  }
  return columns.length ? { columns, values } : null;
}
