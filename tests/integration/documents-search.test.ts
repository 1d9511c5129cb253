import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calendarDay } from '../../app/modules/projects/milestones'
import { seed } from '../../prisma/seed'
import { docxWithText, pdfWithText, tinyPng } from '../fixtures/documents'
import { callLoader, callWithRequest, sessionCookies, userFor } from '../setup/route-calls'
import { statementsOf } from '../setup/sql-plans'
import { onSqlite } from '../setup/sqlite-only'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Full-text search over documents (FTS5) inside the access rule: the text of uploaded files becomes
// findable once the extraction job has run; accents, case and word endings do not get in the way;
// nothing a user types is FTS syntax; and no result, count or snippet ever comes from a document the
// user may not see (docs/security.md item 5).
//
// Documents are shared through the real upload route. The words searched for are made up, so the
// seeded demo documents never match by accident.

const GOS = 'gos'
const SLUIS = 'lid.sluis@example.org' // Sluis: member of GOS, Zeeuws-Vlaanderen and more
const KNOKKE = 'lid.knokke-heist@example.org' // GOS only
const DAMME = 'lid.damme@example.org' // GOS only
const DE_WOLDEN = 'lid.dewolden@example.org' // P10 only

let t: TestDatabase
let jobs: typeof import('../../app/modules/documents/jobs.server')
let maintenance: typeof import('../../app/modules/documents/maintenance.server')
let documentsModule: typeof import('../../app/modules/documents/documents.server')
let documentAccess: typeof import('../../app/modules/access/documents.server')
let marks: typeof import('../../app/modules/documents/search-marks')
let searchModule: typeof import('../../app/modules/documents/search.server')
type SearchFilters = import('../../app/modules/documents/search.server').SearchFilters
let routes: {
  create: typeof import('../../app/routes/documents/new')
  version: typeof import('../../app/routes/documents/new-version')
  search: typeof import('../../app/routes/search')
  list: typeof import('../../app/routes/documents/list')
}
const org = { sluis: '', knokke: '' }
const cookie = sessionCookies()

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  jobs = await import('../../app/modules/documents/jobs.server')
  // Registers the extraction job's handler, as the server does at start.
  maintenance = await import('../../app/modules/documents/maintenance.server')
  documentsModule = await import('../../app/modules/documents/documents.server')
  documentAccess = await import('../../app/modules/access/documents.server')
  marks = await import('../../app/modules/documents/search-marks')
  searchModule = await import('../../app/modules/documents/search.server')
  routes = {
    create: await import('../../app/routes/documents/new'),
    version: await import('../../app/routes/documents/new-version'),
    search: await import('../../app/routes/search'),
    list: await import('../../app/routes/documents/list'),
  }
  org.sluis = (await t.db.organisation.findUniqueOrThrow({ where: { slug: 'sluis' } })).id
  org.knokke = (await t.db.organisation.findUniqueOrThrow({ where: { slug: 'knokke-heist' } })).id
  await jobs.runJobsUntilIdle() // the seeded documents' text
})
afterAll(() => t.cleanup())

const userOf = async (email: string) => userFor(await cookie(email))

// ---- sharing documents through the upload route ----

type Share = {
  title: string
  file: { name: string; bytes: Uint8Array | string }
  email?: string
  network?: string
  type?: string
  description?: string
  /** Organisation ids; the whole network when absent. */
  audience?: string[]
}

// Copies into a plain ArrayBuffer-backed array, the kind File accepts.
const toPart = (bytes: Uint8Array | string) =>
  typeof bytes === 'string' ? bytes : new Uint8Array(bytes)

async function share(s: Share): Promise<string> {
  const network = s.network ?? GOS
  const form = new FormData()
  const fields: Record<string, string> = {
    title: s.title,
    description: s.description ?? '',
    type: s.type ?? 'overig',
    language: 'nl',
    tags: '',
    audience: s.audience ? 'selected' : 'network',
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const id of s.audience ?? []) form.append('organisationIds', id)
  form.append('file', new File([toPart(s.file.bytes)], s.file.name))
  const url = `/netwerken/${network}/documenten/nieuw`
  const out = await callWithRequest(
    routes.create.action,
    new Request(`http://localhost${url}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: await cookie(s.email ?? SLUIS) },
    }),
    { network },
  )
  const id = out.location?.split('/').pop()
  if (out.status !== 302 || !id) {
    throw new Error(`Upload refused (${out.status}): ${JSON.stringify(out.data)}`)
  }
  return id
}

async function newVersion(documentId: string, bytes: Uint8Array, name = 'versie.pdf') {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(bytes)], name))
  const url = `/netwerken/${GOS}/documenten/${documentId}/nieuwe-versie`
  const out = await callWithRequest(
    routes.version.action,
    new Request(`http://localhost${url}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: await cookie(SLUIS) },
    }),
    { network: GOS, document: documentId },
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
}

// ---- searching through the search page's loader ----

type Hit = { id: string; title: string; snippet: string; updatedAt: string; networkSlug: string }
type SearchData = {
  documents: { total: number; capped: boolean; hits: Hit[]; pageCount: number }
  projects: { id: string; title: string }[]
}

async function search(
  email: string,
  q: string,
  filters: Record<string, string> = {},
): Promise<SearchData & { status: number; raw: string }> {
  const query = new URLSearchParams({ q, ...filters })
  const out = await callLoader(routes.search.loader, `/zoeken?${query}`, {
    cookie: await cookie(email),
  })
  return { status: out.status, raw: JSON.stringify(out.data), ...(out.data as SearchData) }
}

const ids = (data: SearchData) => data.documents.hits.map((h) => h.id)

describe('the text inside files', () => {
  let notes = ''

  beforeAll(async () => {
    notes = await share({
      title: 'Notulen van het havenoverleg',
      file: {
        name: 'notulen.pdf',
        bytes: await pdfWithText([
          'Notulen van het overleg in Breskens.',
          'Het baggerplan voor de Zwinkreek wordt in het voorjaar uitgevoerd.',
          'De financiële kwartaalrapportage volgt na de begroting van de gemeenteraad.',
          'Het crèchevervoerplan blijft ongewijzigd.',
        ]),
      },
    })
  })

  it('is findable once the extraction job has run, not before', async () => {
    expect((await search(KNOKKE, 'baggerplan')).documents.total).toBe(0)
    await jobs.runJobsUntilIdle()
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: notes } })
    expect(version.textStatus).toBe('done')
    const found = await search(KNOKKE, 'baggerplan')
    expect(found.status).toBe(200)
    expect(ids(found)).toEqual([notes])
    expect(found.documents.total).toBe(1)
    expect(found.documents.hits[0]?.snippet).toContain(
      `${marks.MATCH_START}baggerplan${marks.MATCH_END}`,
    )
  })

  it('ignores accents and case, both ways', async () => {
    for (const q of ['financiele', 'FINANCIËLE', 'financie\u0308le', 'crechevervoerplan']) {
      expect(ids(await search(KNOKKE, q)), q).toContain(notes)
    }
  })

  it('finds a word from its beginning (the last word typed)', async () => {
    expect(ids(await search(KNOKKE, 'begrot'))).toContain(notes)
    expect(ids(await search(KNOKKE, 'zwinkr'))).toEqual([notes])
    expect(ids(await search(KNOKKE, 'Zwinkreek baggerpl'))).toEqual([notes])
    // Every word must occur.
    expect(ids(await search(KNOKKE, 'baggerplan vuurtorenwachter'))).toEqual([])
  })

  it('never treats what is typed as FTS syntax, and never fails on it', async () => {
    const queries = [
      '"',
      '""',
      'AND',
      'OR',
      'NOT',
      'NEAR(',
      'NEAR(baggerplan Zwinkreek, 2)',
      '*',
      '-',
      '-baggerplan',
      'baggerplan*',
      '"baggerplan',
      'baggerplan AND',
      'baggerplan OR Zwinkreek',
      'title:baggerplan',
      '{title body}: baggerplan',
      '^baggerplan',
      '(baggerplan',
      'baggerplan)',
      'baggerplan\'; DROP TABLE "Document"; --',
      '\u0000baggerplan',
      '🚢 baggerplan',
      'b'.repeat(300),
    ]
    for (const q of queries) {
      const out = await search(KNOKKE, q)
      expect(out.status, q).toBe(200)
    }
    // The words in them are just words.
    expect(ids(await search(KNOKKE, '"baggerplan'))).toEqual([notes])
    expect(ids(await search(KNOKKE, 'NEAR(baggerplan Zwinkreek, 2)'))).toEqual([])
    expect(ids(await search(KNOKKE, 'baggerplan*'))).toEqual([notes])
    expect(ids(await search(KNOKKE, '-baggerplan'))).toEqual([notes])
    expect(await t.db.document.count()).toBeGreaterThan(0)
  })

  it('gives an empty result, not an error, when nothing searchable is typed', async () => {
    for (const q of ['', '   ', '***', '"-"']) {
      const out = await search(KNOKKE, q)
      expect(out.status).toBe(200)
      expect(out.documents).toEqual({ total: 0, capped: false, hits: [], pageCount: 1 })
    }
  })

  it('reads DOCX files too', async () => {
    const docx = await share({
      title: 'Memo',
      file: { name: 'memo.docx', bytes: docxWithText(['Afspraken over de duinovergangpalen.']) },
    })
    await jobs.runJobsUntilIdle()
    expect(ids(await search(DAMME, 'duinovergangpalen'))).toEqual([docx])
  })

  it('sends the date of the latest change as an ISO date', async () => {
    const [hit] = (await search(KNOKKE, 'baggerplan')).documents.hits
    const row = await t.db.document.findUniqueOrThrow({ where: { id: notes } })
    expect(hit?.updatedAt).toBe(row.updatedAt.toISOString())
  })
})

describe('the access rule inside search', () => {
  let restricted = ''
  let open = ''

  beforeAll(async () => {
    // Restricted to Sluis (and Knokke-Heist): Damme, also in GOS, must learn nothing of it.
    restricted = await share({
      title: 'Vertrouwelijk: grondaankoop Retranchement',
      description: 'Onderhandelingsruimte',
      file: {
        name: 'grondaankoop.pdf',
        bytes: await pdfWithText([
          'De grondaankoop bij Retranchement: onderhandelingsmarge geheimzwinwoord.',
          'Gedeeld woord: dijkversterkingsvisie.',
        ]),
      },
      audience: [org.knokke],
    })
    open = await share({
      title: 'Openbare visie dijkversterking',
      file: {
        name: 'visie.pdf',
        bytes: await pdfWithText(['Iedereen in het GOS leest de dijkversterkingsvisie.']),
      },
    })
    await jobs.runJobsUntilIdle()
  })

  it('finds the restricted document for its audience', async () => {
    expect(ids(await search(SLUIS, 'geheimzwinwoord'))).toEqual([restricted])
    expect(ids(await search(KNOKKE, 'geheimzwinwoord'))).toEqual([restricted])
    expect(ids(await search(KNOKKE, 'grondaankoop'))).toEqual([restricted])
  })

  it('lists by filters alone, without words, and still only what the user may see', async () => {
    const forKnokke = await search(KNOKKE, '', { netwerk: GOS, soort: 'overig' })
    expect(ids(forKnokke)).toContain(restricted)
    expect(ids(forKnokke)).toContain(open)
    const forDamme = await search(DAMME, '', { netwerk: GOS, soort: 'overig' })
    expect(ids(forDamme)).toContain(open)
    expect(ids(forDamme)).not.toContain(restricted)
    expect(forDamme.raw).not.toContain('Vertrouwelijk')
    // The count is of what Damme may see: the same documents the network's own list shows Damme.
    const list = await callLoader(routes.list.loader, `/netwerken/${GOS}/documenten?soort=overig`, {
      cookie: await cookie(DAMME),
      params: { network: GOS },
    })
    expect(forDamme.documents.total).toBe((list.data as { total: number }).total)
    // Neither words nor filters: nothing is listed.
    expect((await search(DAMME, '')).documents.total).toBe(0)
  })

  it('gives someone outside the audience no hit, no count and no snippet', async () => {
    for (const q of ['geheimzwinwoord', 'grondaankoop Retranchement', 'Onderhandelingsruimte']) {
      const out = await search(DAMME, q)
      expect(out.documents).toEqual({ total: 0, capped: false, hits: [], pageCount: 1 })
      expect(out.raw).not.toContain('Vertrouwelijk')
      expect(out.raw).not.toContain(restricted)
    }
    // A word both documents hold: only the visible one counts, and its snippet is its own.
    const shared = await search(DAMME, 'dijkversterkingsvisie')
    expect(shared.documents.total).toBe(1)
    expect(ids(shared)).toEqual([open])
    expect(shared.raw).not.toContain('geheimzwinwoord')
    expect(shared.raw).not.toContain('Retranchement')
    expect((await search(SLUIS, 'dijkversterkingsvisie')).documents.total).toBe(2)
  })

  it('gives someone outside the network nothing at all', async () => {
    for (const q of ['dijkversterkingsvisie', 'geheimzwinwoord', 'baggerplan']) {
      const out = await search(DE_WOLDEN, q)
      expect(out.documents.total).toBe(0)
      expect(out.documents.hits).toEqual([])
    }
  })

  it('follows a change of audience at once', async () => {
    const user = await userOf(SLUIS)
    const docAccess = await documentAccess.requireDocumentAccess(user, GOS, restricted)
    const saved = await documentsModule.updateDocumentDetails(user, docAccess, {
      title: 'Vertrouwelijk: grondaankoop Retranchement',
      description: 'Onderhandelingsruimte',
      type: 'overig',
      language: 'nl',
      tags: [],
      audience: 'selected',
      organisationIds: [],
      projectId: undefined,
      version: docAccess.document.version,
    })
    expect(saved).toEqual({ ok: true })
    expect((await search(KNOKKE, 'geheimzwinwoord')).documents.total).toBe(0)
    expect((await search(SLUIS, 'geheimzwinwoord')).documents.total).toBe(1)
  })

  it('leaves binned documents out, and finds them again once restored', async () => {
    const user = await userOf(SLUIS)
    const docAccess = await documentAccess.requireDocumentAccess(user, GOS, open)
    await documentsModule.moveToBin(user, docAccess)
    expect((await search(DAMME, 'dijkversterkingsvisie')).documents.total).toBe(0)
    expect((await search(SLUIS, 'dijkversterkingsvisie')).documents.hits.map((h) => h.id)).toEqual([
      restricted,
    ])
    await documentsModule.restoreFromBin(user, { id: open })
    expect(ids(await search(DAMME, 'dijkversterkingsvisie'))).toEqual([open])
  })
})

describe('filters', () => {
  let inGos = ''
  let inZvl = ''
  let werkplan = ''

  beforeAll(async () => {
    inGos = await share({
      title: 'Verslag fietsknooppuntenoverleg GOS',
      type: 'verslag',
      file: { name: 'a.pdf', bytes: await pdfWithText(['fietsknooppuntenoverleg in het GOS']) },
    })
    inZvl = await share({
      title: 'Verslag fietsknooppuntenoverleg Zeeuws-Vlaanderen',
      network: 'zeeuws-vlaanderen',
      type: 'verslag',
      file: {
        name: 'b.pdf',
        bytes: await pdfWithText(['fietsknooppuntenoverleg in Zeeuws-Vlaanderen']),
      },
    })
    werkplan = await share({
      title: 'Werkplan fietsknooppuntenoverleg',
      type: 'werkplan',
      file: { name: 'c.pdf', bytes: await pdfWithText(['werkplan']) },
    })
    await jobs.runJobsUntilIdle()
    await t.db.document.update({
      where: { id: werkplan },
      data: { updatedAt: new Date('2025-03-10T15:30:00Z') },
    })
  })

  it('searches all the user’s networks, or one', async () => {
    expect(ids(await search(SLUIS, 'fietsknooppuntenoverleg')).sort()).toEqual(
      [inGos, inZvl, werkplan].sort(),
    )
    expect(
      ids(await search(SLUIS, 'fietsknooppuntenoverleg', { netwerk: 'zeeuws-vlaanderen' })),
    ).toEqual([inZvl])
    expect(ids(await search(KNOKKE, 'fietsknooppuntenoverleg')).sort()).toEqual(
      [inGos, werkplan].sort(),
    )
    // A network the user is not in is no filter that reveals anything: it is ignored.
    expect(
      ids(await search(KNOKKE, 'fietsknooppuntenoverleg', { netwerk: 'zeeuws-vlaanderen' })).sort(),
    ).toEqual([inGos, werkplan].sort())
  })

  it('filters by type', async () => {
    expect(ids(await search(SLUIS, 'fietsknooppuntenoverleg', { soort: 'werkplan' }))).toEqual([
      werkplan,
    ])
    expect(
      ids(await search(SLUIS, 'fietsknooppuntenoverleg', { soort: 'verslag', netwerk: GOS })),
    ).toEqual([inGos])
  })

  it('filters by the date of the latest change, both ends inclusive', async () => {
    const q = 'fietsknooppuntenoverleg'
    expect(ids(await search(SLUIS, q, { van: '2025-03-10', tot: '2025-03-10' }))).toEqual([
      werkplan,
    ])
    expect(ids(await search(SLUIS, q, { van: '2025-03-01', tot: '2025-03-09' }))).toEqual([])
    expect(ids(await search(SLUIS, q, { van: '2025-03-11', tot: '2025-12-31' }))).toEqual([])
    expect(ids(await search(SLUIS, q, { tot: '2025-12-31' }))).toEqual([werkplan])
    const today = calendarDay(new Date())
    expect(ids(await search(SLUIS, q, { van: today, tot: today })).sort()).toEqual(
      [inGos, inZvl].sort(),
    )
  })

  it('reads the dates as days in Amsterdam: 01:30 on 15 June there is 14 June in UTC', async () => {
    await t.db.document.update({
      where: { id: werkplan },
      data: { updatedAt: new Date('2025-06-14T23:30:00Z') },
    })
    const q = 'fietsknooppuntenoverleg'
    expect(ids(await search(SLUIS, q, { van: '2025-06-15', tot: '2025-06-15' }))).toEqual([
      werkplan,
    ])
    expect(ids(await search(SLUIS, q, { van: '2025-06-14', tot: '2025-06-14' }))).toEqual([])
  })
})

describe('what extraction cannot read', () => {
  it('a damaged file is still found by its title', async () => {
    const broken = await share({
      title: 'Kapotte kadastertekening',
      file: { name: 'kapot.pdf', bytes: '%PDF-1.7\n% niets dan rommel hierna\n\u0001\u0002\u0003' },
    })
    await jobs.runJobsUntilIdle()
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: broken } })
    expect(version.textStatus).toBe('failed')
    expect(ids(await search(DAMME, 'kadastertekening'))).toEqual([broken])
  })

  it('an image has no text, and is found by its title', async () => {
    const image = await share({
      title: 'Luchtfoto strandpaviljoenzone',
      file: { name: 'foto.png', bytes: tinyPng },
    })
    await jobs.runJobsUntilIdle()
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: image } })
    expect(version.textStatus).toBe('empty')
    expect(ids(await search(DAMME, 'strandpaviljoenzone'))).toEqual([image])
  })
})

describe('versions', () => {
  it('indexes the newest version’s text in place of the older one’s', async () => {
    const id = await share({
      title: 'Beheerplan',
      file: { name: 'v1.pdf', bytes: await pdfWithText(['Eerste versie noemt de oudwoordkrab.']) },
    })
    await jobs.runJobsUntilIdle()
    expect(ids(await search(DAMME, 'oudwoordkrab'))).toEqual([id])

    await newVersion(id, await pdfWithText(['Tweede versie noemt de nieuwwoordkreeft.']))
    await jobs.runJobsUntilIdle()
    expect(ids(await search(DAMME, 'nieuwwoordkreeft'))).toEqual([id])
    expect((await search(DAMME, 'oudwoordkrab')).documents.total).toBe(0)
  })

  it('an older version’s extraction that finishes last does not overwrite the newer text', async () => {
    const id = await share({
      title: 'Zonneveldenkaart',
      file: { name: 'v1.pdf', bytes: await pdfWithText(['Versie een: eerstezonneveld.']) },
    })
    await newVersion(id, await pdfWithText(['Versie twee: tweedezonneveld.']))
    const [v1, v2] = await t.db.documentVersion.findMany({
      where: { documentId: id },
      orderBy: { number: 'asc' },
    })
    // Out of order: the newest first, then the old one.
    await maintenance.extractVersionText(v2!.id)
    await maintenance.extractVersionText(v1!.id)
    expect(ids(await search(DAMME, 'tweedezonneveld'))).toEqual([id])
    expect((await search(DAMME, 'eerstezonneveld')).documents.total).toBe(0)
    await jobs.runJobsUntilIdle()
    expect((await search(DAMME, 'eerstezonneveld')).documents.total).toBe(0)
  })
})

describe('project search in the header', () => {
  it('shows projects of the user’s networks only', async () => {
    const project = await t.db.project.findFirstOrThrow({ where: { network: { slug: GOS } } })
    const word = project.title.split(/\s+/).find((w) => w.length > 5) ?? project.title
    expect((await search(KNOKKE, word)).projects.map((p) => p.id)).toContain(project.id)
    expect((await search(DE_WOLDEN, word)).projects.map((p) => p.id)).not.toContain(project.id)
  })
})

/**
 * 1,005 GOS documents of Knokke-Heist, shared in order (ascending search rowids), each indexed by its
 * title alone: `titleOf(i)` gives the i-th title, `${prefix}-${i}` its id.
 */
async function shareManyDocuments(prefix: string, titleOf: (i: number) => string) {
  const network = await t.db.network.findUniqueOrThrow({ where: { slug: GOS } })
  const max = await t.db.document.aggregate({ _max: { searchRowId: true } })
  const first = (max._max.searchRowId ?? 0) + 1
  const rows = Array.from({ length: 1005 }, (_, i) => ({
    id: `${prefix}-${i}`,
    networkId: network.id,
    title: titleOf(i),
    type: 'overig',
    language: 'nl',
    audience: 'network',
    ownerOrganisationId: org.knokke,
    searchRowId: first + i,
  }))
  await t.db.document.createMany({ data: rows })
  await t.db.$transaction(
    rows.map(
      (r) =>
        t.db.$executeRaw`INSERT INTO "DocumentSearch" (rowid, title, description, tags, body)
          VALUES (${r.searchRowId}, ${r.title}, '', '', '')`,
    ),
  )
}

describe('many hits', () => {
  it('counts up to 1,000 and says "more", with the pages to match', async () => {
    await shareManyDocuments('veel', (i) => `Veelvoorkomend stuk ${i}`)
    const found = await search(KNOKKE, 'veelvoorkomend')
    expect(found.documents).toMatchObject({ total: 1000, capped: true, pageCount: 50 })
    expect(found.documents.hits).toHaveLength(20)
    // A page past the last one shows the last one.
    const beyond = await search(KNOKKE, 'veelvoorkomend', { pagina: '60' })
    expect(beyond.documents.hits).toHaveLength(20)
    const fewer = await search(KNOKKE, 'veelvoorkomend stuk 17')
    expect(fewer.documents.capped).toBe(false)
  })
})

describe('a word in more than 1,000 documents', () => {
  // Ranking every one of 44,000 hits of a common word took 100 ms and more (issue 15's page bench);
  // past 1,000 the search ranks the 1,000 most recently shared documents that hold the words, and says
  // so. Here the five oldest of 1,005 hold the word three times (the best, if all were ranked), as do
  // five newer ones.
  it('ranks the newest 1,000 that hold the words, the best of them first', async () => {
    const strong = (i: number) => i < 5 || (i >= 600 && i < 605)
    await shareManyDocuments('alledaags', (i) =>
      strong(i) ? `Alledaags alledaags alledaags ${i}` : `Alledaags stuk nummer ${i}`,
    )
    const found = await search(KNOKKE, 'alledaags')
    expect(found.documents).toMatchObject({ total: 1000, capped: true, pageCount: 50 })
    expect(
      found.documents.hits
        .slice(0, 5)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['alledaags-600', 'alledaags-601', 'alledaags-602', 'alledaags-603', 'alledaags-604'])
    const seen = new Set<string>()
    for (let page = 1; page <= 50; page++) {
      const { documents } = await search(KNOKKE, 'alledaags', { pagina: String(page) })
      for (const hit of documents.hits) seen.add(hit.id)
    }
    expect(seen.size).toBe(1000)
    expect([0, 1, 2, 3, 4].filter((i) => seen.has(`alledaags-${i}`))).toEqual([])
  })

  // A reader who may see few documents gets their rows gathered first and the index walked against
  // them; one who may see many gets each hit checked against the access rule. Both must find the same.
  // Both ways are FTS5's (SQLite); PostgreSQL walks its GIN index one way (search-postgres.server.ts).
  it.runIf(onSqlite)(
    'finds, counts and ranks the same whether the reader’s documents are gathered first or not',
    async () => {
      const searches: [string, Partial<SearchFilters>][] = [
        ['alledaags', { page: 1 }],
        ['alledaags', { page: 50 }],
        ['veelvoorkomend stuk', { page: 3 }],
        ['verslag', { page: 1 }],
        ['begro', { page: 1 }],
        ['alledaags', { page: 1, from: '2020-01-01', to: '2099-12-31' }],
        ['nergens', { page: 1 }],
      ]
      for (const email of [KNOKKE, SLUIS, DAMME, DE_WOLDEN]) {
        const user = await userOf(email)
        for (const [words, filters] of searches) {
          const answers: unknown[] = []
          const run = (gather: { atMost: number; share: number }) =>
            statementsOf(async () => {
              answers.push(
                await searchModule.searchDocuments(user, words, { page: 1, ...filters }, gather),
              )
            })
          // never gathered, not even when the networks hold nothing
          const checked = await run({ atMost: -1, share: -1 })
          const gathered = await run({ atMost: 1_000_000, share: 0 })
          expect(answers[1], `${email}: ${words}`).toEqual(answers[0])
          const gathers = (list: { sql: string }[]) =>
            list.some((st) => /\+s\.rowid IN \(SELECT d\."searchRowId"/.test(st.sql))
          expect(gathers(checked)).toBe(false)
          expect(gathers(gathered)).toBe(true)
        }
      }
    },
  )

  // At scale 2 a P10 reader's networks held over 5,000 documents, so each hit of a common word was
  // checked against the rule again and the search took three times as long. A reader whose networks hold
  // a small share of all documents has them gathered however many that is; one in every network not.
  it.runIf(onSqlite)(
    'gathers the documents of a reader whose networks hold a small share of all',
    async () => {
      const gathers = async (email: string) => {
        const user = await userOf(email)
        const searched = await statementsOf(() =>
          searchModule.searchDocuments(user, 'alledaags', { page: 1 }, { atMost: 0, share: 1 / 8 }),
        )
        return searched.some((st) => /\+s\.rowid IN \(SELECT d\."searchRowId"/.test(st.sql))
      }
      expect(await gathers(DE_WOLDEN)).toBe(true)
      expect(await gathers(SLUIS)).toBe(false)
    },
  )

  // Counting the hits and finding the 1,000th newest were two walks through the index, each checking
  // every hit against the access rule (two thirds of the search's time for a small network's reader,
  // whose hits are spread thin among everyone's): one walk, newest first, does both.
  it('walks the index once to count and to find the newest 1,000, then once to rank them', async () => {
    const user = await userOf(KNOKKE)
    const searched = await statementsOf(() =>
      searchModule.searchDocuments(user, 'alledaags', { page: 2 }),
    )
    const walks = searched.filter((s) => /"DocumentSearch" MATCH|"vector" @@/.test(s.sql))
    expect(walks).toHaveLength(2)
  })
})
