/**
 * The Node entry: opens the database, migrates, seeds if asked, and serves createApp with @hono/node-server.
 * Used by the CLI, the tests, the widgets' test runner, Storybook and the example portal (port 0 picks a free port).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createAppWithServices, type AppOptions } from './app.js';
import { clientAddress, trustedProxies } from './http/client-address.js';
import { openDatabase, type ConnectOptions, type Durability } from './store/connect.js';
import { entities } from './store/entities.js';
import { migrations } from './store/migrations.js';
import { Store, type OpenOptions } from './store/store.js';
import { runSeed, type SeedProgress } from './seed/seed.js';
import { seedSteps } from './seed/steps.js';

export interface StartServerOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` (default `sqlite:./data/fco-admin.db`). */
  db?: string;
  port?: number;
  host?: string;
  /** demo: seed when the database is empty (default); none: never. */
  seed?: 'demo' | 'none';
  customers?: number;
  extraOrigins?: string[];
  rateLimit?: AppOptions['rateLimit'];
  /**
   * Reverse proxies (addresses, CIDR ranges) whose `X-Forwarded-For` names the client: from these peers the client
   * address (sign-in throttling, rate limits) is the rightmost address of the chain that is not a trusted proxy.
   * Default none: the client is the TCP peer, and the header is ignored.
   */
  trustedProxies?: readonly string[];
  sessionTtlSeconds?: number;
  signInThrottle?: AppOptions['signInThrottle'];
  now?: () => Date;
  pgSchema?: ConnectOptions['pgSchema'];
  /** `full` (default): acknowledged writes survive a power cut; `relaxed`: faster, see Durability. */
  durability?: Durability;
  onSeedProgress?: (progress: SeedProgress) => void;
  /** The day a demo seed's history leads up to (default: a fixed day, SEED_NOW, so tests know their dates). */
  demoDate?: Date;
  log?: (message: string) => void;
  /** Filtered lists count exactly up to this many matches, then estimate (default 10,000; tests lower it). */
  countBound?: number;
  /** Rows between a list's position checkpoints for offset seeks (default 1,000; tests lower it). */
  positionStep?: number;
  /** Rows between the finer checkpoints inside a step (default a twentieth of the step; tests set it). */
  positionFineStep?: number;
  /** Change stream timings (keep-alive, token re-checks) and the change log's limits. */
  changeStream?: AppOptions['changeStream'];
  changeLog?: OpenOptions['changeLog'];
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

const require = createRequire(import.meta.url);

async function scalarScript(): Promise<string> {
  return readFile(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
}

export async function openStore(db: string, options: ConnectOptions & OpenOptions = {}): Promise<Store> {
  const database = await openDatabase(db, options);
  try {
    const { log, countBound, changeLog, positionStep, positionFineStep, listRowsKept } = options;
    return await Store.open(database, migrations, entities, {
      ...(log ? { log } : {}),
      ...(countBound !== undefined ? { countBound } : {}),
      ...(changeLog ? { changeLog } : {}),
      ...(positionStep !== undefined ? { positionStep } : {}),
      ...(positionFineStep !== undefined ? { positionFineStep } : {}),
      ...(listRowsKept !== undefined ? { listRowsKept } : {}),
    });
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const proxies = trustedProxies(options.trustedProxies ?? []);
  const store = await openStore(options.db ?? 'sqlite:./data/fco-admin.db', {
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
    ...(options.durability ? { durability: options.durability } : {}),
    ...(options.countBound !== undefined ? { countBound: options.countBound } : {}),
    ...(options.positionStep !== undefined ? { positionStep: options.positionStep } : {}),
    ...(options.positionFineStep !== undefined ? { positionFineStep: options.positionFineStep } : {}),
    ...(options.changeLog ? { changeLog: options.changeLog } : {}),
    log,
  });
  try {
    if ((options.seed ?? 'demo') === 'demo') {
      await store.seedIfEmpty(() =>
        runSeed(store, seedSteps, {
          ...(options.customers !== undefined ? { customers: options.customers } : {}),
          ...(options.extraOrigins ? { extraOrigins: options.extraOrigins } : {}),
          ...(options.onSeedProgress ? { onProgress: options.onSeedProgress } : {}),
          ...(options.demoDate ? { now: options.demoDate } : {}),
        }),
      );
    }
    const { app } = await createAppWithServices({
      store,
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
      ...(options.sessionTtlSeconds ? { sessionTtlSeconds: options.sessionTtlSeconds } : {}),
      ...(options.signInThrottle ? { signInThrottle: options.signInThrottle } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.changeStream ? { changeStream: options.changeStream } : {}),
      clientAddress: (c) => {
        let peer: string | undefined;
        try {
          peer = getConnInfo(c).remote.address;
        } catch {
          peer = undefined;
        }
        return peer ? clientAddress(peer, c.req.header('x-forwarded-for'), proxies) : 'unknown';
      },
      docs: { script: scalarScript },
      log,
    });
    const host = options.host ?? '127.0.0.1';
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(s));
      s.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(`Port ${options.port} on ${host} is already in use`) : error);
      });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return {
      url,
      port,
      store,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await store.close();
      },
    };
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}
