import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { pdfWithText } from '../fixtures/documents'
import { callAction, callLoader, callResource, cookieFor, fieldErrors } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Who sees which document (docs/security.md, "Access", items 2–6), with the fixtures of
// docs/security.md: network N1 = {A, B, C}, network N2 = {A, D}; D1 in N1 restricted to {A, B}; D2
// in N2. A = Sluis, B = Knokke-Heist, C = Damme, D = De Wolden (seeded organisations and people, in
// two networks made for this file). E = Terneuzen, in neither network.
//
// The rule exists twice, as a Prisma `where` (pages) and as SQL (search). Every check below asks all three (the third: scope.server.ts)
// and requires the same answer, so the two can never drift apart unnoticed.

let t: TestDatabase
let access: typeof import('../../app/modules/access/access.server')
let documentAccess: typeof import('../../app/modules/access/documents.server')
let scope: typeof import('../../app/modules/access/scope.server')
let documents: typeof import('../../app/modules/documents/documents.server')
let storage: typeof import('../../app/modules/documents/storage.server')
let routes: {
  detail: typeof import('../../app/routes/documents/detail')
  download: typeof import('../../app/routes/documents/download')
  edit: typeof import('../../app/routes/documents/edit')
  list: typeof import('../../app/routes/documents/list')
}

type CurrentUser = Awaited<ReturnType<typeof access.requireUser>>
type Persona = 'a' | 'b' | 'bCoordinator' | 'c' | 'd' | 'e'
const emails: Record<Persona, string> = {
  a: 'lid.sluis@example.org',
  b: 'lid.knokke-heist@example.org',
  bCoordinator: 'orgbeheer.knokke-heist@example.org', // made coordinator of N1 below
  c: 'lid.damme@example.org',
  d: 'lid.dewolden@example.org',
  e: 'lid.terneuzen@example.org',
}
const org = { a: '', b: '', c: '', d: '', e: '' }
const net = { n1: '', n2: '', n3: '', n4: '' }
const cookies = {} as Record<Persona, string>
const users = {} as Record<Persona, CurrentUser>

// The fixture documents, by name.
const doc = {
  /** N1, restricted to {A, B}, owned by A. */
  d1: '',
  /** N2, the whole network, owned by A. */
  d2: '',
  /** N1, the whole network, owned by B. */
  n1All: '',
  /** N1, restricted to {B} only, owned by C: C has no audience row and still sees its own document. */
  ownedByC: '',
  /** N1, the whole network, in the bin. */
  binned: '',
  /** N2, restricted to {A}: D is a member of N2 and still does not see it. */
  n2OnlyA: '',
  /** N3 = {A, C (ended yesterday)}, the whole network. */
  n3All: '',
  /** N4 = {A, C (starts tomorrow)}, the whole network. */
  n4All: '',
  /** N1, restricted to {A}, in the bin: only A (and not B's coordinator) may restore it. */
  binnedOnlyA: '',
}

let searchRowId = 10_000

async function addDocument(
  network: string,
  owner: string,
  audience: 'network' | 'selected',
  audienceIds: string[] = [],
  extra: { deletedAt?: Date } = {},
): Promise<string> {
  const created = await t.db.document.create({
    data: {
      networkId: network,
      title: `Fixture ${++searchRowId}`,
      type: 'overig',
      language: 'nl',
      audience,
      ownerOrganisationId: owner,
      searchRowId,
      audienceMembers: { create: audienceIds.map((organisationId) => ({ organisationId })) },
      ...extra,
    },
    select: { id: true },
  })
  return created.id
}

async function addNetwork(slug: string, members: { id: string; from?: Date; to?: Date }[]) {
  const network = await t.db.network.create({
    data: { slug, name: `Netwerk ${slug}`, shortName: slug.toUpperCase(), level: 'regional' },
    select: { id: true },
  })
  for (const m of members) {
    await t.db.networkMembership.create({
      data: {
        networkId: network.id,
        organisationId: m.id,
        activeFrom: m.from ?? new Date('2021-01-01T00:00:00Z'),
        activeTo: m.to ?? null,
      },
    })
  }
  return network.id
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  access = await import('../../app/modules/access/access.server')
  documentAccess = await import('../../app/modules/access/documents.server')
  scope = await import('../../app/modules/access/scope.server')
  documents = await import('../../app/modules/documents/documents.server')
  storage = await import('../../app/modules/documents/storage.server')
  routes = {
    detail: await import('../../app/routes/documents/detail'),
    download: await import('../../app/routes/documents/download'),
    edit: await import('../../app/routes/documents/edit'),
    list: await import('../../app/routes/documents/list'),
  }
  const slugs = { a: 'sluis', b: 'knokke-heist', c: 'damme', d: 'de-wolden', e: 'terneuzen' }
  for (const [key, slug] of Object.entries(slugs)) {
    org[key as keyof typeof org] = (
      await t.db.organisation.findUniqueOrThrow({ where: { slug } })
    ).id
  }
  const day = 86_400_000
  net.n1 = await addNetwork('n1', [{ id: org.a }, { id: org.b }, { id: org.c }])
  net.n2 = await addNetwork('n2', [{ id: org.a }, { id: org.d }])
  net.n3 = await addNetwork('n3', [{ id: org.a }, { id: org.c, to: new Date(Date.now() - day) }])
  net.n4 = await addNetwork('n4', [{ id: org.a }, { id: org.c, from: new Date(Date.now() + day) }])
  const coordinator = await t.db.user.findUniqueOrThrow({ where: { email: emails.bCoordinator } })
  await t.db.networkRole.create({
    data: { userId: coordinator.id, networkId: net.n1, role: 'coordinator' },
  })

  doc.d1 = await addDocument(net.n1, org.a, 'selected', [org.a, org.b])
  doc.d2 = await addDocument(net.n2, org.a, 'network')
  doc.n1All = await addDocument(net.n1, org.b, 'network')
  doc.ownedByC = await addDocument(net.n1, org.c, 'selected', [org.b])
  doc.binned = await addDocument(net.n1, org.b, 'network', [], { deletedAt: new Date() })
  doc.n2OnlyA = await addDocument(net.n2, org.a, 'selected', [org.a])
  doc.n3All = await addDocument(net.n3, org.a, 'network')
  doc.n4All = await addDocument(net.n4, org.a, 'network')
  doc.binnedOnlyA = await addDocument(net.n1, org.a, 'selected', [org.a], {
    deletedAt: new Date(),
  })

  for (const [persona, email] of Object.entries(emails) as [Persona, string][]) {
    cookies[persona] = await cookieFor(email)
    users[persona] = await access.requireUser(
      new Request('http://localhost/', { headers: { Cookie: cookies[persona] } }),
    )
  }
})
afterAll(() => t.cleanup())

const fixtureIds = () => new Set(Object.values(doc))

/**
 * The documents the user may see, asked of both forms of the rule; fails when they differ. Compared
 * over the whole table (the seeded demo documents included), returned for the fixtures only.
 */
async function visibleIds(user: CurrentUser): Promise<string[]> {
  const byPrisma = (
    await t.db.document.findMany({
      where: documentAccess.visibleDocumentsWhere(user),
      select: { id: true },
    })
  )
    .map((d) => d.id)
    .sort()
  const bySql = (
    await t.db.$queryRaw<{ id: string }[]>`
      SELECT d."id" FROM "Document" d WHERE ${documentAccess.visibleDocumentsSql(user)}`
  )
    .map((d) => d.id)
    .sort()
  expect(bySql).toEqual(byPrisma)
  // The third form, with the memberships read first (scope.server.ts, the dashboard's "Voor u").
  const byScopeSql = (
    await t.db.$queryRaw<{ id: string }[]>`
      SELECT d."id" FROM "Document" d
      WHERE ${scope.scopedDocumentsSql(user, await scope.accessScope(user))}`
  )
    .map((d) => d.id)
    .sort()
  expect(byScopeSql).toEqual(byPrisma)
  return byPrisma
}

async function visible(user: CurrentUser): Promise<string[]> {
  const fixtures = fixtureIds()
  return (await visibleIds(user)).filter((id) => fixtures.has(id))
}

const sorted = (ids: string[]) => [...ids].sort()

async function status(run: () => Promise<unknown>): Promise<number> {
  try {
    await run()
    return 200
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : 500
  }
}

describe('the visibility rule (Prisma and SQL alike)', () => {
  it('gives every persona exactly the documents of the rule, the same in both forms', async () => {
    expect(await visible(users.a)).toEqual(
      sorted([doc.d1, doc.d2, doc.n1All, doc.n2OnlyA, doc.n3All, doc.n4All]),
    )
    expect(await visible(users.b)).toEqual(sorted([doc.d1, doc.n1All, doc.ownedByC]))
    expect(await visible(users.bCoordinator)).toEqual(sorted([doc.d1, doc.n1All, doc.ownedByC]))
    // C: not in D1's audience; its own document without an audience row; N3 ended, N4 not started.
    expect(await visible(users.c)).toEqual(sorted([doc.n1All, doc.ownedByC]))
    // D: a member of N2, but not of D1's network, and not in the audience of n2OnlyA.
    expect(await visible(users.d)).toEqual([doc.d2])
    expect(await visible(users.e)).toEqual([])
  })

  it('never shows a binned document, not even to its owner', async () => {
    for (const persona of Object.keys(users) as Persona[]) {
      const seen = await visible(users[persona])
      expect(seen).not.toContain(doc.binned)
      expect(seen).not.toContain(doc.binnedOnlyA)
    }
  })

  it('hides everything of a network at once when the membership ends, and shows it again', async () => {
    const membership = await t.db.networkMembership.findFirstOrThrow({
      where: { networkId: net.n1, organisationId: org.b },
    })
    await t.db.networkMembership.update({
      where: { id: membership.id },
      data: { activeTo: new Date(Date.now() - 1000) },
    })
    try {
      expect(await visible(users.b)).toEqual([])
      expect(await visible(users.bCoordinator)).toEqual([])
      expect(
        await status(() => documentAccess.requireDocumentAccess(users.b, 'n1', doc.n1All)),
      ).toBe(404)
    } finally {
      await t.db.networkMembership.update({
        where: { id: membership.id },
        data: { activeTo: null },
      })
    }
    expect(await visible(users.b)).toEqual(sorted([doc.d1, doc.n1All, doc.ownedByC]))
  })

  it('an audience row of an organisation outside the network gives no access', async () => {
    // D in the audience of an N1 document, without being a member of N1: the audience never widens
    // the network.
    const stray = await addDocument(net.n1, org.a, 'selected', [org.a, org.d])
    try {
      expect(await visibleIds(users.d)).not.toContain(stray)
      expect(await visibleIds(users.a)).toContain(stray)
    } finally {
      await t.db.document.delete({ where: { id: stray } })
    }
  })
})

describe('requireDocumentAccess and requireDocumentManager', () => {
  it('answers 404 to C and D for D1, exactly as for an id that does not exist', async () => {
    const answers: { status: number; body: string }[] = []
    for (const [user, network, id] of [
      [users.c, 'n1', doc.d1],
      [users.d, 'n1', doc.d1],
      [users.d, 'n2', doc.d1],
      [users.c, 'n1', 'clbestaatniet000000000000'],
    ] as const) {
      try {
        await documentAccess.requireDocumentAccess(user, network, id)
        answers.push({ status: 200, body: '' })
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown
        answers.push({ status: thrown.status, body: await thrown.text() })
      }
    }
    expect(answers).toEqual(Array(4).fill({ status: 404, body: 'Not Found' }))
  })

  it('lets the audience in, in the document’s own network only', async () => {
    const forA = await documentAccess.requireDocumentAccess(users.a, 'n1', doc.d1)
    expect(forA.document.id).toBe(doc.d1)
    expect((await documentAccess.requireDocumentAccess(users.b, 'n1', doc.d1)).document.id).toBe(
      doc.d1,
    )
    expect(
      (await documentAccess.requireDocumentAccess(users.c, 'n1', doc.ownedByC)).document.id,
    ).toBe(doc.ownedByC)
    // A sees D2, but not under another network's address.
    expect(await status(() => documentAccess.requireDocumentAccess(users.a, 'n2', doc.d2))).toBe(
      200,
    )
    expect(await status(() => documentAccess.requireDocumentAccess(users.a, 'n1', doc.d2))).toBe(
      404,
    )
    expect(
      await status(() => documentAccess.requireDocumentAccess(users.a, 'n1', doc.binned)),
    ).toBe(404)
  })

  it('records the refusal in the audit log', async () => {
    const before = await t.db.auditEvent.count({
      where: { action: 'access.denied', objectId: doc.d1 },
    })
    await status(() => documentAccess.requireDocumentAccess(users.c, 'n1', doc.d1))
    expect(
      await t.db.auditEvent.count({ where: { action: 'access.denied', objectId: doc.d1 } }),
    ).toBe(before + 1)
  })

  it('lets the owner organisation and the network’s coordinators manage, and nobody else', async () => {
    const manage = (user: CurrentUser, id: string, network = 'n1') =>
      status(() => documentAccess.requireDocumentManager(user, network, id))
    expect(await manage(users.a, doc.d1)).toBe(200) // owner organisation
    expect(await manage(users.bCoordinator, doc.d1)).toBe(200) // coordinator of N1
    expect(await manage(users.b, doc.d1)).toBe(404) // in the audience, no role
    expect(await manage(users.c, doc.d1)).toBe(404) // outside the audience
    expect(await manage(users.d, doc.d1)).toBe(404) // outside the network
    expect(await manage(users.c, doc.ownedByC)).toBe(200)
    expect(await manage(users.a, doc.n1All)).toBe(404) // B's document, A has no role in N1
    expect(await manage(users.d, doc.d2, 'n2')).toBe(404)
    expect(await manage(users.a, doc.d2, 'n2')).toBe(200)
  })

  it('lets only those who may see and manage a binned document restore it', async () => {
    const restore = (user: CurrentUser, id: string) =>
      status(() => documentAccess.requireBinnedDocument(user, 'n1', id))
    expect(await restore(users.b, doc.binned)).toBe(200) // owner organisation
    expect(await restore(users.bCoordinator, doc.binned)).toBe(200)
    expect(await restore(users.c, doc.binned)).toBe(404) // could see it, does not manage it
    expect(await restore(users.a, doc.binnedOnlyA)).toBe(200)
    // The coordinator could never see it: the bin does not show it either.
    expect(await restore(users.bCoordinator, doc.binnedOnlyA)).toBe(404)
    expect(await restore(users.d, doc.binned)).toBe(404)
    expect(await restore(users.a, doc.d1)).toBe(404) // not in the bin
  })
})

describe('the document routes for someone outside the audience', () => {
  it('answer 404 by page, by loader data and by download, without the title', async () => {
    const version = await t.db.documentVersion.create({
      data: {
        documentId: doc.d1,
        number: 1,
        sha256: 'a'.repeat(64),
        size: 10,
        mediaType: 'application/pdf',
        originalName: 'Geheim.pdf',
        organisationId: org.a,
      },
    })
    const title = (await t.db.document.findUniqueOrThrow({ where: { id: doc.d1 } })).title
    for (const persona of ['c', 'd'] as const) {
      const params = { network: 'n1', document: doc.d1 }
      const page = await callLoader(routes.detail.loader, `/netwerken/n1/documenten/${doc.d1}`, {
        cookie: cookies[persona],
        params,
      })
      expect(page.status).toBe(404)
      expect(JSON.stringify(page.data)).not.toContain(title)
      const download = await callResource(
        routes.download.loader,
        `/netwerken/n1/documenten/${doc.d1}/versies/${version.id}/download`,
        { cookie: cookies[persona], params: { ...params, version: version.id } },
      )
      expect(download.status).toBe(404)
      expect(new TextDecoder().decode(download.bytes)).not.toContain(title)
    }
    const list = await callLoader(routes.list.loader, '/netwerken/n1/documenten', {
      cookie: cookies.c,
      params: { network: 'n1' },
    })
    const listed = (list.data as { documents: { id: string }[]; total: number }).documents
    expect(listed.map((d) => d.id)).not.toContain(doc.d1)
    expect(JSON.stringify(list.data)).not.toContain(title)
    await t.db.documentVersion.delete({ where: { id: version.id } })
  })
})

describe('editing the details', () => {
  let shared = ''

  beforeAll(async () => {
    // A real document (file, version, index row), shared in N1 with A and B.
    const bytes = await pdfWithText(['Bewerkbaar document'])
    const file = await storage.receiveToTemp(Readable.from([Buffer.from(bytes)]), bytes.length)
    const n1 = await access.requireNetworkAccess(users.a, 'n1')
    const created = await documents.createDocument(
      users.a,
      n1,
      {
        title: 'Afspraken grensparkeren',
        description: '',
        type: 'verslag',
        language: 'nl',
        tags: [],
        audience: 'selected',
        organisationIds: [org.b],
        projectId: undefined,
      },
      { ...file, originalName: 'afspraken.pdf', mediaType: 'application/pdf' },
    )
    if (!('id' in created)) throw new Error(`Not created: ${JSON.stringify(created)}`)
    shared = created.id
  })

  const editPath = () => `/netwerken/n1/documenten/${shared}/bewerken`
  const fields = (overrides: Record<string, string | string[]>) => ({
    title: 'Afspraken grensparkeren',
    description: '',
    type: 'verslag',
    language: 'nl',
    tags: '',
    audience: 'selected',
    organisationIds: [org.a, org.b],
    ...overrides,
  })
  const edit = (overrides: Record<string, string | string[]>, persona: Persona = 'a') =>
    callAction(routes.edit.action, editPath(), fields(overrides), {
      cookie: cookies[persona],
      params: { network: 'n1', document: shared },
    })
  const detailFor = (persona: Persona) =>
    callLoader(routes.detail.loader, `/netwerken/n1/documenten/${shared}`, {
      cookie: cookies[persona],
      params: { network: 'n1', document: shared },
    })
  const current = () =>
    t.db.document.findUniqueOrThrow({
      where: { id: shared },
      select: {
        title: true,
        version: true,
        audience: true,
        audienceMembers: { select: { organisationId: true }, orderBy: { organisationId: 'asc' } },
      },
    })

  it('refuses a form loaded before someone else’s save (409), and changes nothing', async () => {
    const first = await edit({ title: 'Afspraken grensparkeren (herzien)', version: '1' })
    expect(first.status, JSON.stringify(first.data)).toBe(302)
    const saved = await current()
    expect(saved.version).toBe(2)
    const audits = await t.db.auditEvent.count({ where: { objectId: shared } })

    const stale = await edit({
      title: 'Oude titel die niets mag overschrijven',
      audience: 'network',
      version: '1',
    })
    expect(stale.status).toBe(409)
    expect((stale.data as { error?: Record<string, string[]> }).error?.['']).toEqual([
      'documentConflict',
    ])
    expect(await current()).toEqual(saved)
    expect(await t.db.auditEvent.count({ where: { objectId: shared } })).toBe(audits)
    const [indexed] = await t.db.$queryRaw<{ title: string }[]>`
      SELECT s.title FROM "DocumentSearch" s JOIN "Document" d ON d."searchRowId" = s.rowid
      WHERE d."id" = ${shared}`
    expect(indexed?.title).toBe('Afspraken grensparkeren (herzien)')
  })

  it('refuses an audience organisation from outside the network, and changes nothing', async () => {
    const before = await current()
    const tampered = await edit({
      organisationIds: [org.a, org.e],
      version: String(before.version),
    })
    expect(tampered.status).toBe(400)
    expect(fieldErrors(tampered.data)).toEqual({ organisationIds: ['audienceOutsideNetwork'] })
    expect(await current()).toEqual(before)
  })

  it('is refused (404) to someone in the audience who does not manage the document', async () => {
    const before = await current()
    const out = await edit({ audience: 'network', version: String(before.version) }, 'b')
    expect(out.status).toBe(404)
    expect(await current()).toEqual(before)
  })

  it('takes an organisation out of the audience at once: its next request gets 404', async () => {
    expect((await detailFor('b')).status).toBe(200)
    const { version } = await current()
    const narrowed = await edit({ organisationIds: [org.a], version: String(version) })
    expect(narrowed.status, JSON.stringify(narrowed.data)).toBe(302)
    expect((await current()).audienceMembers).toEqual([{ organisationId: org.a }])
    // The same session as before the change.
    expect((await detailFor('b')).status).toBe(404)
    expect((await detailFor('a')).status).toBe(200)
    expect(await visibleIds(users.b)).not.toContain(shared)

    const widened = await edit({
      audience: 'network',
      organisationIds: [],
      version: String(version + 1),
    })
    expect(widened.status, JSON.stringify(widened.data)).toBe(302)
    expect((await detailFor('b')).status).toBe(200)
    expect((await detailFor('c')).status).toBe(200)
    expect((await current()).audienceMembers).toEqual([])
  })
})
