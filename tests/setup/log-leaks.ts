/*
 * What a server log must never hold (README, "Logs"; docs/security.md): the secrets we know by value
 * (the demo password, a session cookie, a feed token the check made itself), any e-mail address, and
 * any token whose sha256 the database keeps (sessions, set-password links, calendar feeds), also when
 * it hides in a base64 cookie value. tests/log/server-log.spec.ts runs it over the log of a whole e2e
 * run; tests/integration/log-leaks.test.ts proves that it finds each kind of leak.
 */
import { createHash } from 'node:crypto'

export type KnownSecret = { what: string; value: string }

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g
// Session, set-password and feed tokens are 32 random bytes in base64url: 43 characters.
const TOKEN = /(?<![\w-])[\w-]{43}(?![\w-])/g
// A signed cookie holds its value as base64 (of the JSON string), followed by the signature.
const BASE64 = /[A-Za-z0-9+/]{40,}={0,2}/g

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function tokenCandidates(text: string): Set<string> {
  const found = new Set(text.match(TOKEN) ?? [])
  for (const blob of text.match(BASE64) ?? []) {
    const decoded = Buffer.from(blob, 'base64').toString('utf8')
    for (const token of decoded.match(TOKEN) ?? []) found.add(token)
  }
  return found
}

/** One description per kind of leak found (the secret itself shortened, so a report does not leak). */
export function findLeaks(
  log: string,
  known: KnownSecret[],
  storedTokenHashes: ReadonlySet<string>,
): string[] {
  const leaks: string[] = []
  for (const { what, value } of known) {
    if (value && log.includes(value)) leaks.push(`${what} (${value.slice(0, 4)}…)`)
  }
  const emails = new Set(log.match(EMAIL) ?? [])
  if (emails.size)
    leaks.push(
      `${emails.size} e-mail address(es), such as ${[...emails][0]!.replace(/^[^@]+/, '…')}`,
    )
  const tokens = [...tokenCandidates(log)].filter((t) => storedTokenHashes.has(sha256(t)))
  if (tokens.length) leaks.push(`${tokens.length} token(s) whose hash the database keeps`)
  return leaks
}
