// `npm run backup`, `npm run restore`, `npm run notifications:send` and `npm run db:copy` run the compiled commands
// (build/runtime/backup.js, restore.js, notifications-send.js and db-copy.js, from scripts/):
// this says what to do when they are not built yet, instead of Node's "Cannot find module".
import fs from 'node:fs'
import path from 'node:path'

const name = process.argv[2]
const script = path.resolve(import.meta.dirname, '..', 'build', 'runtime', `${name}.js`)
if (!fs.existsSync(script)) {
  console.error(`${path.relative(process.cwd(), script)} is missing: run \`npm run build\` first.`)
  process.exit(1)
}
process.argv.splice(1, 2, script)
await import(script)
