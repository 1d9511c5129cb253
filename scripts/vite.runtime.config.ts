// Compiles the production server and its supervisor (scripts/server.ts, scripts/supervise.ts) to
// build/runtime/, so that they run on plain Node: `npm run build` runs this after the Remix build.
// Packages stay imports (an SSR build leaves dependencies outside the bundle); the app itself is not
// in here at all: the server takes it from the Remix build (app/modules/runtime/server.server.ts).
// The backup and restore commands (scripts/backup.ts, scripts/restore.ts) are processes of their own
// and take the app modules they need into their bundle.
import { defineConfig } from 'vite'

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'build/runtime',
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: {
        server: 'scripts/server.ts',
        supervise: 'scripts/supervise.ts',
        backup: 'scripts/backup.ts',
        restore: 'scripts/restore.ts',
      },
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
})
