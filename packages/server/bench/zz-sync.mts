import { openStore } from '../src/node.js';
for (const url of process.argv.slice(2)) {
  const started = performance.now();
  const store = await openStore(url, url.startsWith('postgres') ? { pgSchema: process.env.FCO_BENCH_PG_SCHEMA } : {});
  console.log(url.slice(0, 20), 'open (sync) took', ((performance.now() - started) / 1000).toFixed(1), 's');
  await store.close();
}
process.exit(0);
