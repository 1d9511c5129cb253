import fs from 'node:fs'
import { verify } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { storedFilePath } from '../../app/modules/documents/storage.server'
import { DEMO_PASSWORD, demoLogins } from '../../prisma/demo-logins'
import { seed } from '../../prisma/seed'
import { seedDocumentList } from '../../prisma/seed-documents'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
})

afterAll(() => t.cleanup())

async function counts() {
  const db = t.db
  const [
    organisations,
    networks,
    memberships,
    users,
    roles,
    passwords,
    projects,
    goals,
    measurements,
    budgetLines,
    documents,
    versions,
    meetings,
    agendaItems,
    actionItems,
  ] = await Promise.all([
    db.organisation.count(),
    db.network.count(),
    db.networkMembership.count(),
    db.user.count(),
    db.networkRole.count(),
    db.password.count(),
    db.project.count(),
    db.goal.count(),
    db.measurement.count(),
    db.budgetLine.count(),
    db.document.count(),
    db.documentVersion.count(),
    db.meeting.count(),
    db.agendaItem.count(),
    db.actionItem.count(),
  ])
  return {
    organisations,
    networks,
    memberships,
    users,
    roles,
    passwords,
    projects,
    goals,
    measurements,
    budgetLines,
    documents,
    versions,
    meetings,
    agendaItems,
    actionItems,
  }
}

async function memberSlugs(networkSlug: string) {
  const rows = await t.db.networkMembership.findMany({
    where: { network: { slug: networkSlug }, activeTo: null },
    select: { organisation: { select: { slug: true } } },
  })
  return rows.map((r) => r.organisation.slug).sort()
}

describe('the demo seed', () => {
  it('gives the same rows when it runs again', async () => {
    const first = await counts()
    expect(first.users).toBe(demoLogins.length)
    expect(first.passwords).toBe(demoLogins.length)

    const summary = await seed(t.db)

    expect(await counts()).toEqual(first)
    expect(summary.created).toEqual({
      organisations: 0,
      networks: 0,
      memberships: 0,
      users: 0,
      passwords: 0,
      projects: 0,
      documents: 0,
      meetings: 0,
    })
  })

  it('seeds the GOS meetings around today: one held, one to come, one draft', async () => {
    const meetings = await t.db.meeting.findMany({
      where: { network: { slug: 'gos' } },
      select: { status: true, startsAt: true, _count: { select: { agendaItems: true } } },
      orderBy: { startsAt: 'asc' },
    })
    const now = Date.now()
    expect(meetings.map((m) => m.status)).toEqual(['held', 'published', 'draft'])
    expect(meetings[0]!.startsAt.getTime()).toBeLessThan(now)
    expect(meetings[1]!.startsAt.getTime()).toBeGreaterThan(now)
    expect(meetings.every((m) => m._count.agendaItems >= 6)).toBe(true)
  })

  it('seeds demo documents with their files on disk, one restricted to the Flemish partners', async () => {
    const documents = await t.db.document.findMany({
      select: {
        title: true,
        audience: true,
        audienceMembers: { select: { organisation: { select: { slug: true } } } },
        versions: { select: { sha256: true, size: true } },
      },
    })
    expect(documents).toHaveLength(seedDocumentList.length)
    for (const d of documents) {
      const [version] = d.versions
      expect(fs.statSync(storedFilePath(version!.sha256)).size).toBe(version!.size)
    }
    const restricted = documents.find((d) => d.title.startsWith('Verkeerstellingen'))
    expect(restricted?.audience).toBe('selected')
    expect(restricted?.audienceMembers.map((m) => m.organisation.slug).sort()).toEqual([
      'damme',
      'knokke-heist',
      'maldegem',
      'sint-laureins',
    ])
  })

  it('seeds the projects and goals of demo-data.md, each in its own network', async () => {
    const projects = await t.db.project.findMany({
      select: {
        title: true,
        network: { select: { slug: true } },
        leadOrganisation: { select: { slug: true } },
      },
      orderBy: { title: 'asc' },
    })
    expect(projects.map((p) => [p.network.slug, p.title, p.leadOrganisation.slug])).toEqual([
      ['zeeuws-vlaanderen', 'Gezamenlijke inkoop Zeeuws-Vlaanderen', 'terneuzen'],
      ['gos', 'Grensoverschrijdende automatische shuttle', 'sluis'],
      ['gos', 'Landschapspark Zwinstreek', 'knokke-heist'],
    ])
    // every measurement and budget line belongs to an organisation that takes part in its project
    const measurements = await t.db.measurement.findMany({
      select: {
        organisationId: true,
        goal: {
          select: { project: { select: { participants: { select: { organisationId: true } } } } },
        },
      },
    })
    expect(measurements.length).toBeGreaterThan(0)
    expect(
      measurements.every((m) =>
        m.goal.project?.participants.some((p) => p.organisationId === m.organisationId),
      ),
    ).toBe(true)
    const lines = await t.db.budgetLine.findMany({
      select: {
        organisationId: true,
        project: { select: { participants: { select: { organisationId: true } } } },
      },
    })
    expect(
      lines.every((l) => l.project.participants.some((p) => p.organisationId === l.organisationId)),
    ).toBe(true)
  })

  it('puts exactly Sluis and its four Flemish neighbours in GOS', async () => {
    expect(await memberSlugs('gos')).toEqual(
      ['damme', 'knokke-heist', 'maldegem', 'sint-laureins', 'sluis'].sort(),
    )
  })

  it('puts De Wolden in P10 and not in GOS', async () => {
    expect(await memberSlugs('p10')).toContain('de-wolden')
    expect(await memberSlugs('gos')).not.toContain('de-wolden')
  })

  it('gives every network a coordinator and a member without a role', async () => {
    const networks = await t.db.network.findMany({ select: { id: true, slug: true } })
    expect(networks.map((n) => n.slug).sort()).toEqual(
      [
        'gos',
        'grenzeloos-zeeuws-vlaanderen',
        'ozo',
        'p10',
        'stedenband',
        'vzg',
        'zeeuws-vlaanderen',
      ].sort(),
    )
    for (const network of networks) {
      const coordinators = await t.db.networkRole.count({
        where: { networkId: network.id, role: 'coordinator' },
      })
      const plainMembers = await t.db.user.count({
        where: {
          isPlatformAdmin: false,
          isOrgAdmin: false,
          organisation: { memberships: { some: { networkId: network.id, activeTo: null } } },
          roles: { none: { networkId: network.id } },
        },
      })
      expect(coordinators, `coordinators of ${network.slug}`).toBeGreaterThanOrEqual(1)
      expect(plainMembers, `plain members of ${network.slug}`).toBeGreaterThanOrEqual(1)
    }
  })

  it('lets every demo login sign in with the demo password', async () => {
    const users = await t.db.user.findMany({
      where: { email: { in: demoLogins.map((l) => l.email) } },
      select: { email: true, locale: true, password: { select: { hash: true } } },
    })
    expect(users).toHaveLength(demoLogins.length)
    for (const user of users) {
      expect(user.password, user.email).not.toBeNull()
      expect(await verify(user.password?.hash ?? '', DEMO_PASSWORD), user.email).toBe(true)
      // No saved preference, so the language follows the browser.
      expect(user.locale).toBeNull()
    }
  })

  it('gives each user the organisation, flags and roles of the demo list', async () => {
    for (const login of demoLogins) {
      const user = await t.db.user.findUniqueOrThrow({
        where: { email: login.email },
        select: {
          isPlatformAdmin: true,
          isOrgAdmin: true,
          organisation: { select: { slug: true } },
          roles: { select: { role: true, network: { select: { slug: true } } } },
        },
      })
      expect(user.organisation.slug).toBe(login.organisationSlug)
      expect(user.isPlatformAdmin).toBe(login.isPlatformAdmin ?? false)
      expect(user.isOrgAdmin).toBe(login.isOrgAdmin ?? false)
      expect(user.roles.map((r) => ({ network: r.network.slug, role: r.role }))).toEqual(
        login.roles ?? [],
      )
    }
  })

  it('records country, official code and default language as the registers do', async () => {
    const organisations = await t.db.organisation.findMany()
    for (const o of organisations) {
      expect(o.defaultLocale).toBe(o.country === 'BE' ? 'nl-BE' : 'nl-NL')
      if (o.kind === 'municipality' && o.country === 'NL')
        expect(o.officialCode).toMatch(/^GM\d{4}$/)
      else if (o.kind === 'municipality') expect(o.officialCode).toMatch(/^\d{5}$/)
      else expect(o.officialCode).toBeNull()
    }
    const sluis = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'sluis' } })
    expect(sluis).toMatchObject({ officialCode: 'GM1714', country: 'NL', kind: 'municipality' })
    const knokke = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'knokke-heist' } })
    expect(knokke).toMatchObject({ officialCode: '31043', country: 'BE', defaultLocale: 'nl-BE' })
  })
})

// These change the database, so they run after the checks above.
describe('running the seed again on a database in use', () => {
  it('keeps a password the user changed, and restores one that is missing', async () => {
    const changed = await t.db.user.findUniqueOrThrow({ where: { email: 'lid.damme@example.org' } })
    await t.db.password.update({
      where: { userId: changed.id },
      data: { hash: await hashPassword('Mijn eigen wachtwoord 42') },
    })
    const missing = await t.db.user.findUniqueOrThrow({ where: { email: 'lid.hulst@example.org' } })
    await t.db.password.delete({ where: { userId: missing.id } })

    const summary = await seed(t.db)

    expect(summary.created.passwords).toBe(1)
    const changedHash = await t.db.password.findUniqueOrThrow({ where: { userId: changed.id } })
    expect(await verify(changedHash.hash, 'Mijn eigen wachtwoord 42')).toBe(true)
    const restored = await t.db.password.findUniqueOrThrow({ where: { userId: missing.id } })
    expect(await verify(restored.hash, DEMO_PASSWORD)).toBe(true)
  })

  it('leaves edits, ended memberships and removed roles as they are', async () => {
    await t.db.organisation.update({ where: { slug: 'damme' }, data: { name: 'Stad Damme' } })
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    const damme = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })
    const endedAt = new Date('2026-01-01T00:00:00Z')
    await t.db.networkMembership.update({
      where: { networkId_organisationId: { networkId: gos.id, organisationId: damme.id } },
      data: { activeTo: endedAt },
    })
    await t.db.networkRole.deleteMany({
      where: { user: { email: 'secretaris.gos@example.org' }, networkId: gos.id },
    })
    const before = await counts()

    await seed(t.db)

    expect(await counts()).toEqual(before)
    expect((await t.db.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })).name).toBe(
      'Stad Damme',
    )
    const membership = await t.db.networkMembership.findUniqueOrThrow({
      where: { networkId_organisationId: { networkId: gos.id, organisationId: damme.id } },
    })
    expect(membership.activeTo).toEqual(endedAt)
    expect(
      await t.db.networkRole.count({ where: { user: { email: 'secretaris.gos@example.org' } } }),
    ).toBe(0)
  })
})
