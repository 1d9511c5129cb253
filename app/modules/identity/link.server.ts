/**
 * Which Zwin account a provider sign-in is. An account is linked by (issuer, subject), never found by
 * e-mail alone: the first sign-in links to an account of one of the provider's organisations by a
 * verified e-mail address, or, where the organisation allows it, creates one (a member without roles).
 * A disabled account stays disabled whatever the provider says.
 */
import { recordAudit } from '../audit/audit.server'
import { db } from '../db/db.server'
import type { ProviderClaims, ProviderRefusal } from './oidc.server'
import { lines } from './schema'

export type LinkedAccount =
  | { ok: true; userId: string; organisationId: string; linked: 'known' | 'linked' | 'created' }
  | { ok: false; reason: Extract<ProviderRefusal, 'unverified' | 'noAccount' | 'disabled'> }

export async function accountForSignIn(
  provider: { id: string },
  claims: ProviderClaims,
): Promise<LinkedAccount> {
  const known = await db.userIdentity.findUnique({
    where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
    select: {
      id: true,
      providerId: true,
      user: {
        select: {
          id: true,
          disabledAt: true,
          organisationId: true,
          organisation: { select: { identityProviderId: true } },
        },
      },
    },
  })
  if (known) {
    // The organisation may have moved to another provider since: the old link no longer opens the door.
    if (
      known.providerId !== provider.id ||
      known.user.organisation.identityProviderId !== provider.id
    ) {
      return { ok: false, reason: 'noAccount' }
    }
    if (known.user.disabledAt) return { ok: false, reason: 'disabled' }
    await db.userIdentity.update({ where: { id: known.id }, data: { lastUsedAt: new Date() } })
    return {
      ok: true,
      userId: known.user.id,
      organisationId: known.user.organisationId,
      linked: 'known',
    }
  }

  if (!claims.email || !claims.emailVerified) return { ok: false, reason: 'unverified' }
  const email = claims.email
  const organisations = await db.organisation.findMany({
    where: { identityProviderId: provider.id },
    select: { id: true, emailDomains: true, provisionAccounts: true },
  })
  const existing = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      disabledAt: true,
      organisationId: true,
      identities: { where: { providerId: provider.id }, select: { id: true } },
    },
  })
  if (existing) {
    // Only an account of an organisation that uses this provider, and not one already linked to another
    // person at the same provider.
    const ours = organisations.some((o) => o.id === existing.organisationId)
    if (!ours || existing.identities.length > 0) return { ok: false, reason: 'noAccount' }
    if (existing.disabledAt) return { ok: false, reason: 'disabled' }
    await db.$transaction(async (tx) => {
      await tx.userIdentity.create({
        data: {
          userId: existing.id,
          providerId: provider.id,
          issuer: claims.issuer,
          subject: claims.subject,
          lastUsedAt: new Date(),
        },
      })
      await recordAudit(
        {
          action: 'auth.identity_linked',
          result: 'success',
          actorUserId: existing.id,
          actorOrganisationId: existing.organisationId,
          objectType: 'User',
          objectId: existing.id,
          details: { providerId: provider.id, issuer: claims.issuer },
        },
        tx,
      )
    })
    return {
      ok: true,
      userId: existing.id,
      organisationId: existing.organisationId,
      linked: 'linked',
    }
  }

  // A new person: the organisation of the provider's that claims the address's domain, if it creates
  // accounts itself.
  const domain = email.split('@')[1] ?? ''
  const home = organisations.find((o) => lines(o.emailDomains).includes(domain))
  if (!home?.provisionAccounts) return { ok: false, reason: 'noAccount' }
  const created = await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email,
        name: claims.name || email,
        organisationId: home.id,
        identities: {
          create: {
            providerId: provider.id,
            issuer: claims.issuer,
            subject: claims.subject,
            lastUsedAt: new Date(),
          },
        },
      },
      select: { id: true },
    })
    await recordAudit(
      {
        action: 'auth.account_provisioned',
        result: 'success',
        actorUserId: user.id,
        actorOrganisationId: home.id,
        objectType: 'User',
        objectId: user.id,
        details: { providerId: provider.id, issuer: claims.issuer },
      },
      tx,
    )
    return user
  })
  return { ok: true, userId: created.id, organisationId: home.id, linked: 'created' }
}

/**
 * Home-realm discovery: the provider that signs in people with this address's domain, when one of the
 * organisations claims the domain and uses an enabled provider.
 */
export async function providerForEmail(
  email: string,
): Promise<{ id: string; name: string } | null> {
  const domain = email.trim().toLowerCase().split('@')[1]
  if (!domain) return null
  const candidates = await db.organisation.findMany({
    where: {
      emailDomains: { contains: domain },
      identityProvider: { enabled: true },
    },
    select: { emailDomains: true, identityProvider: { select: { id: true, name: true } } },
  })
  const matches = candidates.filter((o) => lines(o.emailDomains).includes(domain))
  const providers = new Map(matches.map((o) => [o.identityProvider!.id, o.identityProvider!]))
  // Two providers claiming one domain is a configuration error: fall back to the password form.
  return providers.size === 1 ? [...providers.values()][0]! : null
}
