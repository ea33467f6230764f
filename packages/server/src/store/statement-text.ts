/**
 * The SQL text of a statement the store runs again and again with new parameters (a keyed look-up on every request,
 * a bulk insert's batches), built once per database dialect and shape instead of through the query builder each time:
 * building and compiling a Kysely query costs more than SQLite takes to answer a keyed read.
 */
import type { Db } from './database.js';

const texts = new WeakMap<object, Map<string, string>>();

/** The text `build` makes for this database's dialect, made on the first call for each `shape`. */
export function statementText(db: Db, shape: string, build: () => string): string {
  const adapter = db.getExecutor().adapter;
  let byShape = texts.get(adapter);
  if (!byShape) texts.set(adapter, (byShape = new Map()));
  let text = byShape.get(shape);
  if (text === undefined) byShape.set(shape, (text = build()));
  return text;
}
