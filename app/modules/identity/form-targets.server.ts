/**
 * The content security policy allows forms to post to Zwin only (`form-action 'self'`), and browsers
 * apply that to the redirects after a form too. Signing in or out through an organisation's provider
 * without JavaScript is such a redirect, so the providers' origins join the directive. The server's
 * middleware asks synchronously (scripts/http/middleware.ts), so the list is kept here and refreshed
 * from the database every minute and whenever a provider is saved or discovered in this process.
 */
import { db } from '../db/db.server'
import { log } from '../observability/logger.server'

const REFRESH_MS = 60_000

let origins: readonly string[] = []
let timer: NodeJS.Timeout | undefined
const endpointOrigins = new Map<string, string[]>()

/** Origins, such as `https://login.microsoftonline.com`, that a form's redirect may lead to. */
export function providerFormTargets(): readonly string[] {
  return origins
}

function originOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null
  } catch {
    return null
  }
}

/** The endpoints a provider's discovery document named (authorization, end of session). */
export function noteProviderEndpoints(providerId: string, urls: (string | undefined)[]) {
  const found = urls.map(originOf).filter((o): o is string => o !== null)
  endpointOrigins.set(providerId, found)
  void refreshProviderFormTargets()
}

export async function refreshProviderFormTargets(): Promise<void> {
  try {
    const providers = await db.identityProvider.findMany({
      where: { enabled: true },
      select: { id: true, issuer: true },
    })
    const next = new Set<string>()
    for (const p of providers) {
      const issuer = originOf(p.issuer)
      if (issuer) next.add(issuer)
      for (const o of endpointOrigins.get(p.id) ?? []) next.add(o)
    }
    origins = [...next].sort()
  } catch (error) {
    log.warn({ err: error }, 'could not read the identity providers for the security policy')
  }
}

export function startProviderFormTargets(): void {
  void refreshProviderFormTargets()
  timer ??= setInterval(() => void refreshProviderFormTargets(), REFRESH_MS)
  timer.unref()
}

export function stopProviderFormTargets(): void {
  if (timer) clearInterval(timer)
  timer = undefined
}
