import { DEMO_PASSWORD, demoLogins } from '../../../prisma/demo-logins'
import { db } from '../db/db.server'

/** Prints the demo logins at server start, but only those that the database really holds. */
export async function printDemoLogins() {
  const present = await db.user.findMany({
    where: { email: { in: demoLogins.map((l) => l.email) }, disabledAt: null },
    select: { email: true },
  })
  if (!present.length) return
  const emails = new Set(present.map((u) => u.email))
  const rows = demoLogins.filter((l) => emails.has(l.email))
  const width = Math.max(...rows.map((r) => r.email.length))
  console.info(`\nDemo logins (password for all: ${DEMO_PASSWORD})`)
  for (const row of rows) console.info(`  ${row.email.padEnd(width)}  ${row.description}`)
  console.info('')
}
