/**
 * `npm run schema:postgres`: writes prisma/postgresql/schema.prisma from prisma/schema.prisma. Zwin has
 * one data model; the PostgreSQL schema is the same models with the provider and the few type mappings
 * PostgreSQL needs, so it is derived here and never edited by hand (docs/decisions/0019-postgresql.md).
 * `--check` only reports whether the file is up to date (exit 1 when not).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sqliteSchemaPath = path.join(root, 'prisma', 'schema.prisma')
export const postgresSchemaPath = path.join(root, 'prisma', 'postgresql', 'schema.prisma')

const HEADER = `// Written by \`npm run schema:postgres\` (scripts/schema-postgres.ts) from prisma/schema.prisma:
// do not edit. Change prisma/schema.prisma and run \`npm run migration:new -- <name>\`, which writes
// this file and a migration for each database.
`

/** The PostgreSQL schema for a SQLite schema's text. */
export function derivePostgresSchema(sqliteSchema: string): string {
  const lines = sqliteSchema.split('\n')
  let block: string | undefined
  const out = lines.map((line) => {
    const opening = /^(generator|datasource|model|enum|view)\s+\w+\s*\{/.exec(line)
    if (opening) block = opening[1]
    else if (/^\}/.test(line)) block = undefined

    if (block === 'generator' && /^\s*output\s*=/.test(line)) {
      // The generated client is per provider (its query compiler is), so it gets a folder of its own.
      return line.replace(
        /"\.\.\/app\/modules\/db\/generated"/,
        '"../../app/modules/db/generated-pg"',
      )
    }
    if (block === 'datasource' && /^\s*provider\s*=/.test(line)) {
      return line.replace('"sqlite"', '"postgresql"')
    }
    if (block === 'model') return mapField(line)
    return line
  })
  const body = out.join('\n').replace(/^(\/\/[^\n]*\n)+/, '')
  check(body)
  return HEADER + body
}

// SQLite keeps a DateTime as text with its offset; PostgreSQL's plain `timestamp` would drop the zone,
// so every DateTime becomes `timestamptz` (at Prisma's millisecond precision). SQLite's INTEGER holds
// 64 bits, PostgreSQL's 32: an Int that may pass 2^31 says `// postgresql: Float` and becomes a double
// there, which keeps the app's type (a number) and every whole number up to 2^53 exact.
function mapField(line: string): string {
  const wide = /^(\s+\w+\s+)Int(\??)(.*?)\s*\/\/\s*postgresql:\s*Float\s*$/.exec(line)
  if (wide) return `${wide[1]}Float${wide[2]}${wide[3]}`
  if (line.includes('@db.')) return line
  return line.replace(/^(\s+\w+\s+DateTime\??)(?=\s|$)/, '$1 @db.Timestamptz(3)')
}

function check(schema: string): void {
  if (!/provider\s*=\s*"postgresql"/.test(schema)) {
    throw new Error('schema:postgres: no datasource provider found in prisma/schema.prisma')
  }
  if (!schema.includes('generated-pg')) {
    throw new Error('schema:postgres: the generator output of prisma/schema.prisma has moved')
  }
}

function main(): void {
  const derived = derivePostgresSchema(fs.readFileSync(sqliteSchemaPath, 'utf8'))
  const current = fs.existsSync(postgresSchemaPath)
    ? fs.readFileSync(postgresSchemaPath, 'utf8')
    : ''
  if (process.argv.includes('--check')) {
    if (current !== derived) {
      console.error(
        'prisma/postgresql/schema.prisma is not derived from prisma/schema.prisma: run npm run schema:postgres',
      )
      process.exit(1)
    }
    return
  }
  if (current === derived) return
  fs.mkdirSync(path.dirname(postgresSchemaPath), { recursive: true })
  fs.writeFileSync(postgresSchemaPath, derived)
  console.log(`Wrote ${path.relative(root, postgresSchemaPath)}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
