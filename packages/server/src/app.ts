/**
 * createApp: the whole API as one Hono app, with no Node-only imports (WebCrypto, jose, noble), so it runs in any
 * runtime that can reach the store. The Node entry (node.ts) opens the database and serves it.
 */
import { Hono, type Context } from 'hono';
import { areaApp } from './areas/area.js';
import { areas as defaultAreas } from './areas/index.js';
import type { Area } from './areas/area.js';
import { BillingTree } from './identity/billing-tree.js';
import { beginSignIn, DEFAULT_SIGN_IN_POLICIES, type ThrottlePolicy } from './identity/sign-in-throttle.js';
import { TokenSigner } from './identity/tokens.js';
import { answer, answerHeaders } from './http/answer-headers.js';
import { cors } from './http/cors.js';
import { notImplemented } from './http/operation.js';
import { ApiProblem, problemBody, toApiProblem } from './http/problem.js';
import { RateLimiter, type RateLimitOptions } from './http/rate-limit.js';
import { rateLimit } from './http/rate-limit-step.js';
import { requestId, requestIdOf } from './http/request-id.js';
import { DOCS_PATH, securityHeaders } from './http/security-headers.js';
import type { AppServices, ChangeStreamTimings } from './http/services.js';
import { honoPath, operations, spec } from './spec/document.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  store: Store;
  /** Per-principal (or per-address) request quota; false turns limiting off. Default 600 per 60 s. */
  rateLimit?: Partial<RateLimitOptions> | false;
  /** Sign-in throttling per account and per client address (defaults in identity/sign-in-throttle.ts). */
  signInThrottle?: { account?: Partial<ThrottlePolicy>; address?: Partial<ThrottlePolicy> };
  /** Session token lifetime (default 8 hours). */
  sessionTtlSeconds?: number;
  /** Clock (tests move it forward to expire tokens). */
  now?: () => Date;
  /** The client address of a request (the Node entry reads the socket); default "unknown". */
  clientAddress?: (c: Context) => string;
  /** HTML for `/docs` and the script it loads from `/docs/standalone.js` (runtime entries provide the asset). */
  docs?: { script: () => Promise<string> | string };
  log?: (message: string) => void;
  areas?: readonly Area[];
  /** Timings of the change stream (keep-alive comments, token re-checks); default 15 s each. */
  changeStream?: Partial<ChangeStreamTimings>;
}

export interface FcoApp {
  app: Hono;
  services: AppServices;
}

export async function createApp(options: AppOptions): Promise<Hono> {
  return (await createAppWithServices(options)).app;
}

export async function createAppWithServices(options: AppOptions): Promise<FcoApp> {
  const signInPolicies = {
    account: { ...DEFAULT_SIGN_IN_POLICIES.account, ...options.signInThrottle?.account },
    address: { ...DEFAULT_SIGN_IN_POLICIES.address, ...options.signInThrottle?.address },
  };
  const services: AppServices = {
    store: options.store,
    signer: await TokenSigner.create(options.store.secret),
    billingTree: () => BillingTree.current(options.store),
    rateLimiter:
      options.rateLimit === false
        ? null
        : new RateLimiter({ limit: options.rateLimit?.limit ?? 600, windowSeconds: options.rateLimit?.windowSeconds ?? 60 }),
    now: options.now ?? (() => new Date()),
    sessionTtlSeconds: options.sessionTtlSeconds ?? 8 * 60 * 60,
    signInPolicies,
    beginSignIn: (email, address, now) => beginSignIn(options.store.db, signInPolicies, email, address, now),
    clientAddress: options.clientAddress ?? (() => 'unknown'),
    log: options.log ?? (() => {}),
    changeStream: { keepAliveMs: 15_000, recheckMs: 15_000, ...options.changeStream },
  };

  const app = new Hono();
  app.use('*', answerHeaders([requestId(), await securityHeaders(), cors(services), rateLimit(services)]));

  app.onError((error, c) => {
    const problem = toApiProblem(error);
    if (problem.code === 'internal') services.log(`${requestIdOf(c)} ${c.req.method} ${c.req.path}: ${(error as Error)?.stack ?? String(error)}`);
    // With the headers gathered so far: a step that refused the request (the rate limit) never reached the handler.
    const body = JSON.stringify(problemBody(problem, requestIdOf(c), c.req.path));
    return answer(c, problem.status, body, { ...problem.headers, 'Content-Type': 'application/problem+json' });
  });
  app.notFound(() => {
    throw new ApiProblem('not_found', { detail: 'No such path in this API; see /openapi.json.' });
  });

  app.get('/openapi.json', (c) => c.json(spec));
  app.get(DOCS_PATH, (c) => c.html(docsPage()));
  if (options.docs) {
    const docs = options.docs;
    app.get('/docs/standalone.js', async (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(await docs.script());
    });
  }

  const mounted = new Set<string>();
  for (const area of options.areas ?? defaultAreas) {
    app.route('/', areaApp(area, services));
    for (const id of Object.keys(area.handlers)) mounted.add(id);
  }
  // Operations of the spec that no area implements yet answer 501, never an unmatched 404.
  for (const op of operations.values()) {
    if (!mounted.has(op.operationId)) app.on(op.method.toUpperCase(), honoPath(op.path), notImplemented(op));
  }
  return { app, services };
}

/** The spec's operations that no area implements yet (they answer 501 `not_implemented`). */
export function unimplementedOperations(areaList: readonly Area[] = defaultAreas): string[] {
  const mounted = new Set(areaList.flatMap((a) => Object.keys(a.handlers)));
  return [...operations.keys()].filter((id) => !mounted.has(id)).sort();
}

function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>FCO Admin Kit API</title><link rel="icon" href="data:,"></head>
<body>
<script id="api-reference" data-url="/openapi.json" data-configuration='{"withDefaultFonts":false,"telemetry":false,"agent":{"disabled":true}}'></script>
<script src="/docs/standalone.js"></script>
</body>
</html>`;
}
