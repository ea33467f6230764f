/**
 * One of Node's built-in modules, looked up at run time, or undefined on a runtime without them. The modules that
 * use one (scrypt from node:crypto, compression from node:zlib) still load everywhere createApp runs, and fall back.
 */
export function nodeBuiltin<T>(id: `node:${string}`): T | undefined {
  return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as T | undefined;
}
