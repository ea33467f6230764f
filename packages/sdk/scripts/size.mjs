#!/usr/bin/env node
// Prints the SDK's minified and gzipped size as a browser bundle (ky included), the cost an embedding page pays.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['development'],
  write: false,
  logLevel: 'warning',
});
const code = result.outputFiles[0].contents;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`@fco-admin/sdk: ${kib(code.byteLength)} minified, ${kib(gzipSync(code).byteLength)} gzipped (ky included)`);
