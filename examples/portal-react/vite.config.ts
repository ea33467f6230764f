// The React portal's front end, built into dist/ and served by its backend under /app/ (server.mjs). The widgets
// come from @fco-admin/react's dependencies and are bundled with the app; nothing is loaded from elsewhere.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/app/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, reportCompressedSize: false },
  oxc: { jsx: { runtime: 'automatic' } },
});
