// Compiles what runs beside the Remix build to build/runtime/, so that it runs on plain Node, without
// tsx: `npm run build` runs this after the Remix build.
// - the production server and its supervisor (scripts/server.ts, scripts/supervise.ts): the app is not
//   in them at all, the server takes it from the Remix build (app/modules/runtime/server.server.ts);
// - the child processes the server starts (app/modules/processes/child-script.server.ts): text
//   extraction, the agenda pack, the minutes exports and the notifications' clock work, each a process
//   of its own;
// - the command-line tools: migrations and the demo seed (npm start), backup and restore, notifications:send, db:copy.
// Packages stay imports (an SSR build leaves dependencies outside the bundle).
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  plugins: [tsconfigPaths()],
  // Bundled into the child processes instead of imported: pdf-lib and zod come as hundreds of small
  // modules, which Node took over half a second to load at every start of a child.
  ssr: { noExternal: [/^pdf-lib$/, /^@pdf-lib\//, /^pako$/, /^tslib$/, /^zod$/] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'build/runtime',
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: {
        server: './scripts/server.ts',
        supervise: './scripts/supervise.ts',
        'extract-text': './scripts/extract-text.ts',
        'agenda-pack': './scripts/agenda-pack.ts',
        'minutes-export': './scripts/minutes-export.ts',
        migrate: './scripts/migrate.ts',
        seed: './prisma/seed.ts',
        backup: './scripts/backup.ts',
        restore: './scripts/restore.ts',
        'db-copy': './scripts/db-copy.ts',
        'notifications-send': './scripts/notifications-send.ts',
        'notifications-clock': './scripts/notifications-clock.ts',
      },
      output: {
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
})
