/**
 * The demo platform, built by seed steps that each area contributes (src/seed/steps.ts lists them in order).
 * Deterministic: the same options give the same rows, ids included. Steps insert in bulk and report progress.
 */
import type { Store } from '../store/store.js';
import { SeededRandom } from './random.js';

export interface SeedOptions {
  /** How many customers (default 300). */
  customers?: number;
  /** Origins added to the demo billing entities' allowed origins (a local portal, Storybook, test pages). */
  extraOrigins?: string[];
  /** The demo's "now", which its history leads up to (default SEED_NOW: a fixed day, so tests know their dates). */
  now?: Date;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  step: string;
  done: number;
  total: number;
}

export interface SeedContext {
  store: Store;
  customers: number;
  extraOrigins: string[];
  /** The fixed "now" of the demo data, so dates do not depend on the day the seed runs. */
  now: Date;
  /** An independent deterministic stream per name, so one step's changes never shift another's data. */
  random(name: string): SeededRandom;
  progress(step: string, done: number, total: number): void;
}

export interface SeedStep {
  name: string;
  run(context: SeedContext): Promise<void>;
}

export const SEED_NOW = new Date('2026-11-01T12:00:00.000Z');
export const DEFAULT_SEED_CUSTOMERS = 300;

export async function runSeed(store: Store, steps: readonly SeedStep[], options: SeedOptions = {}): Promise<void> {
  const context: SeedContext = {
    store,
    customers: options.customers ?? DEFAULT_SEED_CUSTOMERS,
    extraOrigins: options.extraOrigins ?? [],
    now: options.now ?? SEED_NOW,
    random: (name) => new SeededRandom(`fco-admin-demo:${name}`),
    progress: (step, done, total) => options.onProgress?.({ step, done, total }),
  };
  await store.bulkLoad(
    async () => {
      for (const step of steps) await step.run(context);
    },
    // A small demo is planned well enough without fresh statistics, and starts sooner (tests seed one per file).
    { statistics: context.customers >= 10_000 },
  );
}
