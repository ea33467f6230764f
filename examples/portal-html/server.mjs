#!/usr/bin/env node
// The example portal: a licensee's own console ("Harbour Cloud") that embeds the FCO Admin page.
//   PORT            where the portal listens (default 8788)
//   FCO_SERVER_URL  the FCO Admin API (default http://127.0.0.1:8787)
//   FCO_API_KEY     the portal's API key (scope embed-sessions:create plus what it delegates); without it the
//                   portal signs in as the demo licensee admin once and creates one, kept in memory only
//   PORTAL_ORIGIN   the public origin, when not http://127.0.0.1:PORT / http://localhost:PORT
//   --demo          also serve GET /demo-login?as=admin@alpha.demo (signs a demo admin in without the form)
//   --app DIR       serve a built single-page front end as the Administration page (examples/portal-react/dist)
import { resolve } from 'node:path';
import { startPortal } from './src/portal.mjs';

const port = Number(process.env.PORT ?? 8788);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`portal: PORT must be 0 to 65535, not "${process.env.PORT}"`);
  process.exit(1);
}
const serverUrl = process.env.FCO_SERVER_URL ?? 'http://127.0.0.1:8787';
const appArg = process.argv.indexOf('--app');
const appDir = appArg > 0 ? process.argv[appArg + 1] : undefined;
if (appArg > 0 && !appDir) {
  console.error('portal: --app needs the folder of a built front end (examples/portal-react/dist)');
  process.exit(1);
}

try {
  const portal = await startPortal({
    port,
    serverUrl,
    ...(process.env.FCO_API_KEY ? { apiKey: process.env.FCO_API_KEY } : {}),
    ...(process.env.PORTAL_ORIGIN ? { origins: [process.env.PORTAL_ORIGIN] } : {}),
    demo: process.argv.includes('--demo'),
    ...(appDir ? { appDir: resolve(appDir) } : {}),
    log: (line) => console.error(line),
  });
  console.log(`Example portal on ${portal.url} (FCO Admin API ${serverUrl})`);
  const stop = () => portal.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(`portal: ${code === 'EADDRINUSE' ? `port ${port} is already in use` : error instanceof Error ? error.message : error}`);
  process.exit(1);
}
