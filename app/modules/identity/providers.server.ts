/**
 * The platform administrator's list of identity providers (OpenID Connect), and each organisation's
 * sign-in settings. The client secret is sealed with SECRETS_KEY (secret-box.server.ts) and never read
 * back into a page.
 */
import { notFound, requirePlatformAdmin, type CurrentUser } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { forgetDiscovery } from './oidc.server'
import { lines, type IdentityProviderInput, type SignInSettingsInput } from './schema'
import { sealSecret } from './secret-box.server'

const providerSelect = {
  id: true,
  name: true,
  issuer: true,
  clientId: true,
  scopes: true,
  allowedTenants: true,
  enabled: true,
  updatedAt: true,
  organisations: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
  _count: { select: { identities: true } },
} as const

export async function listIdentityProviders(user: CurrentUser) {
  await requirePlatformAdmin(user)
  return db.identityProvider.findMany({ orderBy: { name: 'asc' }, select: providerSelect })
}

export async function getIdentityProvider(user: CurrentUser, id: string) {
  await requirePlatformAdmin(user)
  const provider = await db.identityProvider.findUnique({ where: { id }, select: providerSelect })
  if (!provider) throw notFound()
  return provider
}

/** Every organisation, for the "used by" checkboxes, with the provider it uses now. */
export async function organisationChoices(user: CurrentUser) {
  await requirePlatformAdmin(user)
  return db.organisation.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, identityProviderId: true },
  })
}

export type SaveProviderResult =
  | { ok: true; id: string }
  | { ok: false; field: 'clientSecret'; error: 'required' | 'secretsKeyMissing' }

/**
 * Creates (id null) or updates a provider. The organisations ticked use it from now on (an organisation
 * uses one provider at most, so ticking one here moves it from another); those unticked use passwords.
 */
export async function saveIdentityProvider(
  user: CurrentUser,
  id: string | null,
  input: IdentityProviderInput,
): Promise<SaveProviderResult> {
  await requirePlatformAdmin(user)
  const before = id ? await getIdentityProvider(user, id) : null
  if (!before && !input.clientSecret) return { ok: false, field: 'clientSecret', error: 'required' }
  const key = getConfig().secretsKey
  if (input.clientSecret && !key) {
    return { ok: false, field: 'clientSecret', error: 'secretsKeyMissing' }
  }
  const data = {
    name: input.name,
    issuer: input.issuer,
    clientId: input.clientId,
    scopes: input.scopes || 'openid email profile',
    allowedTenants: lines(input.allowedTenants).join('\n'),
    enabled: input.enabled ?? false,
    ...(input.clientSecret ? { clientSecretEncrypted: sealSecret(input.clientSecret, key) } : {}),
  }
  const organisationIds = input.organisationIds
  const saved = await db.$transaction(async (tx) => {
    const row = before
      ? await tx.identityProvider.update({ where: { id: before.id }, data, select: { id: true } })
      : await tx.identityProvider.create({
          data: { ...data, clientSecretEncrypted: data.clientSecretEncrypted ?? '' },
          select: { id: true },
        })
    await tx.organisation.updateMany({
      where: { identityProviderId: row.id, id: { notIn: organisationIds } },
      // Without a provider, passwords are the only way in again.
      data: { identityProviderId: null, passwordSignIn: true },
    })
    await tx.organisation.updateMany({
      where: { id: { in: organisationIds } },
      data: { identityProviderId: row.id },
    })
    // What changed, never the secret: only whether a new one was given.
    const { clientSecret, ...shown } = input
    await auditBy(
      user,
      before ? 'admin.identity_provider_updated' : 'admin.identity_provider_created',
      { type: 'IdentityProvider', id: row.id },
      {
        before: before
          ? { ...before, organisations: before.organisations.map((o) => o.id) }
          : undefined,
        after: shown,
        newClientSecret: Boolean(clientSecret),
      },
      tx,
    )
    return row
  })
  forgetDiscovery(saved.id)
  return { ok: true, id: saved.id }
}

/** Deletes a provider: its organisations go back to passwords, its linked identities go with it. */
export async function deleteIdentityProvider(user: CurrentUser, id: string) {
  const before = await getIdentityProvider(user, id)
  await db.$transaction(async (tx) => {
    await tx.organisation.updateMany({
      where: { identityProviderId: id },
      data: { identityProviderId: null, passwordSignIn: true },
    })
    await tx.identityProvider.delete({ where: { id } })
    await auditBy(
      user,
      'admin.identity_provider_deleted',
      { type: 'IdentityProvider', id },
      { name: before.name, issuer: before.issuer, identities: before._count.identities },
      tx,
    )
  })
  forgetDiscovery(id)
}

export async function getSignInSettings(user: CurrentUser, slug: string) {
  await requirePlatformAdmin(user)
  const organisation = await db.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      emailDomains: true,
      passwordSignIn: true,
      provisionAccounts: true,
      identityProvider: { select: { id: true, name: true } },
    },
  })
  if (!organisation) throw notFound()
  return organisation
}

/** Passwords can only be switched off for an organisation that has a provider to sign in with. */
export async function saveSignInSettings(
  user: CurrentUser,
  slug: string,
  input: SignInSettingsInput,
): Promise<
  | { ok: true }
  | { ok: false; field: 'passwordSignIn'; error: 'needsProvider' }
  | { ok: false; field: 'emailDomains'; error: 'domainTaken' }
> {
  const before = await getSignInSettings(user, slug)
  const passwordSignIn = input.passwordSignIn ?? false
  if (!passwordSignIn && !before.identityProvider) {
    return { ok: false, field: 'passwordSignIn', error: 'needsProvider' }
  }
  // Home-realm discovery needs one organisation per domain.
  const domains = lines(input.emailDomains)
  const others = await db.organisation.findMany({
    where: { id: { not: before.id }, emailDomains: { not: '' } },
    select: { emailDomains: true },
  })
  if (others.some((o) => lines(o.emailDomains).some((d) => domains.includes(d)))) {
    return { ok: false, field: 'emailDomains', error: 'domainTaken' }
  }
  const data = {
    emailDomains: domains.join('\n'),
    passwordSignIn,
    provisionAccounts: input.provisionAccounts ?? false,
  }
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: before.id }, data })
    await auditBy(
      user,
      'admin.sign_in_settings_updated',
      { type: 'Organisation', id: before.id },
      {
        before: {
          emailDomains: before.emailDomains,
          passwordSignIn: before.passwordSignIn,
          provisionAccounts: before.provisionAccounts,
        },
        after: data,
      },
      tx,
    )
  })
  return { ok: true }
}
