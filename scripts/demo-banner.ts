import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins } from '../prisma/demo-logins'

/**
 * Prints the demo logins at server start, but only those that the database really holds (and that are
 * not disabled): `activeEmails` tells which of the given addresses those are.
 */
export async function printDemoLogins(
  publicOrigin: string,
  activeEmails: (emails: string[]) => Promise<string[]>,
) {
  const present = new Set(await activeEmails(demoLogins.map((l) => l.email)))
  if (!present.size) return
  const rows = demoLogins.filter((l) => present.has(l.email))
  const width = Math.max(...rows.map((r) => r.email.length))
  console.info(`\nOpen ${publicOrigin}/ and sign in as one of the demo people.`)
  console.info(`\nDemo logins (password for all: ${DEMO_PASSWORD})`)
  for (const row of rows) console.info(`  ${row.email.padEnd(width)}  ${row.description}`)
  if (rows.some((r) => r.isPlatformAdmin || r.isOrgAdmin)) {
    console.info(
      `\nThe administrators also give a code from an authenticator app (two-step verification).`,
    )
    console.info(`  Secret for all of them: ${DEMO_TOTP_SECRET}`)
    console.info('  Add it to any authenticator app, or print the current code with:')
    console.info(`  npm run totp -- ${DEMO_TOTP_SECRET}`)
  }
  console.info('')
}
