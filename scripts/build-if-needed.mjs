// `npm start`: generates the Prisma client and builds the app (`npm run build`) unless the build is
// newer than every source file, so that starting the demo again takes seconds. Plain JavaScript: it
// runs before anything is compiled.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const sources = ['app', 'scripts', 'prisma', 'locales', 'public']
const files = ['package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json']
// The last file `npm run build` writes (scripts/vite.runtime.config.ts runs after the Remix build).
const built = path.join(root, 'build', 'runtime', 'server.js')

function newestIn(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of fs.readdirSync(entry))
    newest = Math.max(newest, newestIn(path.join(entry, name)))
  return newest
}

const builtAt = fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0
const changedAt = Math.max(...[...sources, ...files].map((name) => newestIn(path.join(root, name))))
if (builtAt > changedAt) {
  console.info('The build is up to date (npm run build makes it again).')
} else {
  // The Prisma client first: a changed schema.prisma must reach the build.
  for (const script of ['prisma:generate', 'build']) {
    const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' })
    if (result.status !== 0) process.exit(result.status ?? 1)
  }
}
