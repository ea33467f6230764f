// Types of seed-version.mjs for the TypeScript that imports it (the server's test harness).
/** A short hash of the server's sources and manifest, and of `extra` (what else the seed depends on: its options). */
export function seedVersion(extra?: string): string;
