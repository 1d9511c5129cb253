import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, cookieFor, fieldErrors } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Every form: bad input comes back with a message per field (a translation key), and nothing is written.
let t: TestDatabase
let routes: {
  profile: typeof import('../../app/routes/profile')
  accountNew: typeof import('../../app/routes/admin/account-new')
  setPassword: typeof import('../../app/routes/set-password')
  organisationNew: typeof import('../../app/routes/admin/organisation-new')
  networkNew: typeof import('../../app/routes/admin/network-new')
  networkEdit: typeof import('../../app/routes/admin/network-edit')
  roles: typeof import('../../app/routes/network-roles')
  accountEdit: typeof import('../../app/routes/admin/account-edit')
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    profile: await import('../../app/routes/profile'),
    accountNew: await import('../../app/routes/admin/account-new'),
    setPassword: await import('../../app/routes/set-password'),
    organisationNew: await import('../../app/routes/admin/organisation-new'),
    networkNew: await import('../../app/routes/admin/network-new'),
    networkEdit: await import('../../app/routes/admin/network-edit'),
    roles: await import('../../app/routes/network-roles'),
    accountEdit: await import('../../app/routes/admin/account-edit'),
  }
})
afterAll(() => t.cleanup())

const counts = async () => ({
  users: await t.db.user.count(),
  organisations: await t.db.organisation.count(),
  networks: await t.db.network.count(),
  roles: await t.db.networkRole.count(),
  tokens: await t.db.passwordToken.count(),
})

function mailFiles() {
  const dir = path.join(t.dataDir, 'mail')
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}

describe('profile', () => {
  it.each([
    [{ name: '' }, { name: ['required'] }],
    [{ name: 'x'.repeat(121) }, { name: ['tooLong|120'] }],
    [{ name: 'Jan\u202Egnirts' }, { name: ['invalidCharacters'] }],
    [{ name: 'Jan\u0000' }, { name: ['invalidCharacters'] }],
    [{ name: 'Jan', locale: 'fr-FR' }, { locale: ['choose'] }],
  ])('refuses %j', async (fields, expected) => {
    const cookie = await cookieFor('lid.damme@example.org')
    const before = await t.db.user.findUniqueOrThrow({ where: { email: 'lid.damme@example.org' } })
    const out = await callAction(
      routes.profile.action,
      '/profiel',
      { intent: 'profile', locale: 'nl-BE', ...fields },
      { cookie },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { profile: unknown }).profile)).toMatchObject(expected)
    const after = await t.db.user.findUniqueOrThrow({ where: { email: 'lid.damme@example.org' } })
    expect(after.name).toBe(before.name)
  })

  it('stores HTML in a name as plain text, and saves a valid change', async () => {
    const cookie = await cookieFor('lid.damme@example.org')
    const out = await callAction(
      routes.profile.action,
      '/profiel',
      { intent: 'profile', name: '<b>Lotte</b> Vermeulen', locale: 'nl-BE' },
      { cookie },
    )
    expect(out.status).toBe(302)
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'lid.damme@example.org' } })
    expect(user.name).toBe('<b>Lotte</b> Vermeulen')
    expect(user.locale).toBe('nl-BE')
  })

  it.each([
    [{ newPassword: 'kort', repeatPassword: 'kort' }, { newPassword: ['passwordTooShort|12'] }],
    [
      { newPassword: 'aaaaaaaaaaaaaaaa', repeatPassword: 'aaaaaaaaaaaaaaaa' },
      { newPassword: ['passwordWeak'] },
    ],
    [
      { newPassword: 'Een-lange-zin-als-wachtwoord', repeatPassword: 'Een-andere-zin' },
      { repeatPassword: ['passwordMismatch'] },
    ],
    [
      {
        currentPassword: 'verkeerd',
        newPassword: 'Een-lange-zin-als-wachtwoord',
        repeatPassword: 'Een-lange-zin-als-wachtwoord',
      },
      { currentPassword: ['currentPasswordWrong'] },
    ],
  ])('password change refuses %j', async (fields, expected) => {
    const cookie = await cookieFor('lid.damme@example.org')
    const before = await t.db.password.findFirstOrThrow({
      where: { user: { email: 'lid.damme@example.org' } },
    })
    const out = await callAction(
      routes.profile.action,
      '/profiel',
      { intent: 'password', currentPassword: 'Zwin-demo-2026!', ...fields },
      { cookie },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { password: unknown }).password)).toMatchObject(expected)
    const after = await t.db.password.findFirstOrThrow({
      where: { user: { email: 'lid.damme@example.org' } },
    })
    expect(after.hash).toBe(before.hash)
  })
})

describe('new account and the set-password link', () => {
  it.each([
    [
      { name: '', email: '' },
      { name: ['required'], email: ['required'] },
    ],
    [{ name: 'Sanne Vos', email: 'geen-adres' }, { email: ['email'] }],
    [{ name: 'x'.repeat(121), email: 'nieuw@example.org' }, { name: ['tooLong|120'] }],
    [{ name: 'Sanne Vos', email: 'LID.SLUIS@example.org' }, { email: ['accountEmailTaken'] }],
  ])('refuses %j and writes nothing', async (fields, expected) => {
    const cookie = await cookieFor('orgbeheer.sluis@example.org')
    const before = await counts()
    const mails = mailFiles().length
    const out = await callAction(routes.accountNew.action, '/beheer/accounts/nieuw', fields, {
      cookie,
    })
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject(expected)
    expect(await counts()).toEqual(before)
    expect(mailFiles()).toHaveLength(mails)
  })

  it('an organisation admin cannot create an account in another organisation (hidden field changed)', async () => {
    const cookie = await cookieFor('orgbeheer.sluis@example.org')
    const damme = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })
    const out = await callAction(
      routes.accountNew.action,
      '/beheer/accounts/nieuw',
      { name: 'Indringer', email: 'indringer@example.org', organisationId: damme.id },
      { cookie },
    )
    const created = await t.db.user.findUnique({
      where: { email: 'indringer@example.org' },
      select: { organisation: { select: { slug: true } } },
    })
    // a changed hidden field is refused, and nothing is written
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)['']).toEqual(['notAllowed'])
    expect(created).toBeNull()
  })

  it('creates the account, mails a one-time link, and the link sets a strong password once', async () => {
    const cookie = await cookieFor('orgbeheer.sluis@example.org')
    const out = await callAction(
      routes.accountNew.action,
      '/beheer/accounts/nieuw',
      { name: 'Sanne Vos', email: 'sanne.vos@example.org' },
      { cookie },
    )
    expect(out.status).toBe(302)
    const user = await t.db.user.findUniqueOrThrow({
      where: { email: 'sanne.vos@example.org' },
      include: { password: true },
    })
    expect(user.password).toBeNull()
    const mail = mailFiles()
      .map((f) => fs.readFileSync(path.join(t.dataDir, 'mail', f), 'utf8'))
      .find((m) => m.includes('sanne.vos@example.org'))!
    const token = /wachtwoord-instellen\/([A-Za-z0-9_-]{30,})/.exec(
      mail.replace(/=\r?\n/g, ''),
    )![1]!

    const weak = await callAction(
      routes.setPassword.action,
      `/wachtwoord-instellen/${token}`,
      { newPassword: 'kort', repeatPassword: 'kort' },
      { params: { token } },
    )
    expect(weak.status).toBe(400)
    expect(fieldErrors(weak.data).newPassword).toEqual(['passwordTooShort|12'])
    expect(await t.db.password.count({ where: { userId: user.id } })).toBe(0)

    const good = { newPassword: 'Zeeuwse-mosselen-2026', repeatPassword: 'Zeeuwse-mosselen-2026' }
    const ok = await callAction(routes.setPassword.action, `/wachtwoord-instellen/${token}`, good, {
      params: { token },
    })
    expect(ok.status).toBe(302)
    expect(await t.db.password.count({ where: { userId: user.id } })).toBe(1)

    const again = await callAction(
      routes.setPassword.action,
      `/wachtwoord-instellen/${token}`,
      good,
      { params: { token } },
    )
    expect(again.status).toBe(400)
    expect(fieldErrors(again.data)['']).toEqual(['linkInvalid'])
    const page = await callLoader(routes.setPassword.loader, `/wachtwoord-instellen/${token}`, {
      params: { token },
    })
    expect(page.data).toMatchObject({ valid: false })
  })

  it('an organisation admin gets 404 for an account of another organisation', async () => {
    const cookie = await cookieFor('orgbeheer.sluis@example.org')
    const other = await t.db.user.findUniqueOrThrow({
      where: { email: 'lid.knokke-heist@example.org' },
    })
    const out = await callLoader(routes.accountEdit.loader, `/beheer/accounts/${other.id}`, {
      cookie,
      params: { account: other.id },
    })
    expect(out.status).toBe(404)
    const action = await callAction(
      routes.accountEdit.action,
      `/beheer/accounts/${other.id}`,
      { intent: 'disable', confirmed: 'yes' },
      { cookie, params: { account: other.id } },
    )
    expect(action.status).toBe(404)
    expect((await t.db.user.findUniqueOrThrow({ where: { id: other.id } })).disabledAt).toBeNull()
  })

  it('disabling needs the confirmation step', async () => {
    const cookie = await cookieFor('orgbeheer.sluis@example.org')
    const target = await t.db.user.findUniqueOrThrow({
      where: { email: 'secretaris.gos@example.org' },
    })
    const first = await callAction(
      routes.accountEdit.action,
      `/beheer/accounts/${target.id}`,
      { intent: 'disable' },
      { cookie, params: { account: target.id } },
    )
    expect(first.data).toMatchObject({ confirm: { intent: 'disable' } })
    expect((await t.db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull()
  })
})

describe('platform administration', () => {
  const valid = {
    name: 'Gemeente Veurne',
    slug: 'veurne',
    kind: 'municipality',
    country: 'BE',
    officialCode: '38025',
    defaultLocale: 'nl-BE',
  }

  it.each([
    [
      { name: '', slug: '' },
      { name: ['required'], slug: ['required'] },
    ],
    [{ slug: 'x' }, { slug: ['tooShort|2'] }],
    [{ slug: 'Met Spaties' }, { slug: ['slug'] }],
    [{ officialCode: 'ABC' }, { officialCode: ['officialCode'] }],
    [{ country: 'FR' }, { country: ['choose'] }],
    [{ slug: 'sluis' }, { slug: ['taken'] }],
    [{ officialCode: 'GM1714' }, { officialCode: ['taken'] }],
  ])('organisation: refuses %j', async (change, expected) => {
    const cookie = await cookieFor('platformbeheer@example.org')
    const before = await counts()
    const out = await callAction(
      routes.organisationNew.action,
      '/beheer/organisaties/nieuw',
      { ...valid, ...change },
      { cookie },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject(expected)
    expect(await counts()).toEqual(before)
  })

  it('organisation pages are 404 for anyone but a platform admin', async () => {
    const cookie = await cookieFor('orgbeheer.sluis@example.org')
    const out = await callAction(
      routes.organisationNew.action,
      '/beheer/organisaties/nieuw',
      valid,
      { cookie },
    )
    expect(out.status).toBe(404)
    expect(await t.db.organisation.count({ where: { slug: 'veurne' } })).toBe(0)
  })

  it.each([
    [
      { name: '', shortName: '' },
      { name: ['required'], shortName: ['required'] },
    ],
    [{ level: 'galactic' }, { level: ['choose'] }],
    [{ slug: 'gos' }, { slug: ['taken'] }],
    [{ description: 'x'.repeat(4001) }, { description: ['tooLong|4000'] }],
  ])('network: refuses %j', async (change, expected) => {
    const cookie = await cookieFor('platformbeheer@example.org')
    const before = await counts()
    const fields = {
      name: 'Kustoverleg',
      shortName: 'KO',
      slug: 'kustoverleg',
      level: 'cross_border',
      description: '',
      ...change,
    }
    const out = await callAction(routes.networkNew.action, '/beheer/netwerken/nieuw', fields, {
      cookie,
    })
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject(expected)
    expect(await counts()).toEqual(before)
  })

  it('ending a membership needs confirmation and then ends access', async () => {
    const cookie = await cookieFor('platformbeheer@example.org')
    const membership = await t.db.networkMembership.findFirstOrThrow({
      where: { network: { slug: 'stedenband' }, organisation: { slug: 'amsterdam' } },
    })
    const first = await callAction(
      routes.networkEdit.action,
      '/beheer/netwerken/stedenband',
      { intent: 'end', id: membership.id },
      { cookie, params: { network: 'stedenband' } },
    )
    expect(first.data).toMatchObject({
      confirm: { intent: 'end', organisation: 'Gemeente Amsterdam' },
    })
    expect(
      (await t.db.networkMembership.findUniqueOrThrow({ where: { id: membership.id } })).activeTo,
    ).toBeNull()
    const second = await callAction(
      routes.networkEdit.action,
      '/beheer/netwerken/stedenband',
      { intent: 'end', id: membership.id, confirmed: 'yes' },
      { cookie, params: { network: 'stedenband' } },
    )
    expect(second.status).toBe(302)
    const amsterdam = await cookieFor('lid.amsterdam@example.org')
    const network = await import('../../app/routes/network')
    expect(
      (
        await callLoader(network.loader, '/netwerken/stedenband', {
          cookie: amsterdam,
          params: { network: 'stedenband' },
        })
      ).status,
    ).toBe(404)
  })
})

describe('network roles', () => {
  it('a coordinator cannot grant a role to someone outside the network (hidden field changed)', async () => {
    const cookie = await cookieFor('coordinator.gos@example.org')
    const outsider = await t.db.user.findUniqueOrThrow({
      where: { email: 'lid.dewolden@example.org' },
    })
    const before = await counts()
    const out = await callAction(
      routes.roles.action,
      '/netwerken/gos/rollen',
      { intent: 'grant', userId: outsider.id, role: 'secretary' },
      { cookie, params: { network: 'gos' } },
    )
    expect(out.status).toBe(400)
    expect(await counts()).toEqual(before)
  })

  it('refuses an unknown role and a plain member', async () => {
    const cookie = await cookieFor('coordinator.gos@example.org')
    const damme = await t.db.user.findUniqueOrThrow({ where: { email: 'lid.damme@example.org' } })
    const bad = await callAction(
      routes.roles.action,
      '/netwerken/gos/rollen',
      { intent: 'grant', userId: damme.id, role: 'admin' },
      { cookie, params: { network: 'gos' } },
    )
    expect(bad.status).toBe(400)
    const member = await cookieFor('lid.sluis@example.org')
    const denied = await callAction(
      routes.roles.action,
      '/netwerken/gos/rollen',
      { intent: 'grant', userId: damme.id, role: 'secretary' },
      { cookie: member, params: { network: 'gos' } },
    )
    expect(denied.status).toBe(404)
    expect(await t.db.networkRole.count({ where: { userId: damme.id } })).toBe(0)
  })

  it('keeps the last coordinator', async () => {
    const cookie = await cookieFor('coordinator.gos@example.org')
    const role = await t.db.networkRole.findFirstOrThrow({
      where: { network: { slug: 'gos' }, role: 'coordinator' },
    })
    const out = await callAction(
      routes.roles.action,
      '/netwerken/gos/rollen',
      { intent: 'withdraw', id: role.id, confirmed: 'yes' },
      { cookie, params: { network: 'gos' } },
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ error: 'lastCoordinator' })
    expect(await t.db.networkRole.count({ where: { id: role.id } })).toBe(1)
  })
})
