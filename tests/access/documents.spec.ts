/**
 * docs/security.md items 2–7 for shared documents, over HTTP against the real server.
 *
 * The fixture is the document D1 of docs/security.md: in GOS (N1), shared by Knokke-Heist with
 * Damme only. Sluis is a member of GOS outside the audience (the "user of C"; its coordinator of
 * GOS too); De Wolden is in P10 only (the "user of D"). Every object here is made for this file,
 * with a per-run suffix.
 */
import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import {
  audienceOf,
  documentFields,
  documentsTitled,
  downloadUrl,
  fetchBytes,
  multipart,
  postMultipart,
  storedPath,
  uploadDocument,
  type DocumentFixture,
} from './document-uploads'
import {
  all,
  dataUrl,
  one,
  organisationId,
  send,
  signIn,
  text,
  unique,
  userId,
  visibleText,
  type Reply,
  type Session,
} from './support'

const NETWORK = 'gos'
// Shaped like a real id (a cuid), but never issued.
const MADE_UP_ID = 'cmzzzzzzzzzzzzzzzzzzzzzzz'

let knokke: Session
let damme: Session
/** Sluis: in GOS, not in the audience. */
let sluis: Session
/** The GOS coordinator works for Sluis: coordinating the network does not open a document kept from Sluis. */
let coordinator: Session
/** De Wolden: not in GOS at all. */
let deWolden: Session

let suffix: string
let word: string
let restricted: DocumentFixture & { description: string; content: string }

test.beforeAll(async () => {
  knokke = await signIn('lid.knokke-heist@example.org')
  damme = await signIn('lid.damme@example.org')
  sluis = await signIn('lid.sluis@example.org')
  coordinator = await signIn('coordinator.gos@example.org')
  deWolden = await signIn('lid.dewolden@example.org')
  suffix = unique()
  // One word that only this document holds, inside the file: found by full-text search once extracted.
  word = `kustpact${suffix}`
  const content = `Voorstel ${word} voor de gezamenlijke kustverdediging.\nAlleen voor Damme.\n`
  const description = `Onderhandelingsruimte ${suffix}`
  const document = await uploadDocument(
    knokke,
    NETWORK,
    {
      title: `Vertrouwelijk voorstel Knokke-Damme ${suffix}`,
      description,
      tags: `kust, geheim${suffix}`,
      audience: 'selected',
      organisations: ['damme'],
    },
    { name: `voorstel-${suffix}.txt`, content, type: 'text/plain' },
  )
  restricted = { ...document, description, content }
  expect(audienceOf(document.id)).toEqual(['damme', 'knokke-heist'])
})

/** A response with the per-request parts (nonces) and the asked-for ids made equal. */
function normalised(reply: Reply, ids: string[]): string {
  let body = reply.body.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, '')
  for (const id of ids) body = body.split(id).join('<id>')
  return body
}

async function expectSameAsMadeUp(session: Session, url: string, label: string) {
  const madeUpUrl = url
    .split(restricted.id)
    .join(MADE_UP_ID)
    .split(restricted.versionId)
    .join(MADE_UP_ID)
  const reply = await send(url, { session })
  const madeUp = await send(madeUpUrl, { session })
  expect(reply.status, `${label}: ${url}`).toBe(404)
  expect(madeUp.status, `${label}: ${madeUpUrl}`).toBe(404)
  expect(reply.headers.get('content-type'), `${label}: ${url}`).toBe(
    madeUp.headers.get('content-type'),
  )
  expect(
    normalised(reply, [restricted.id, restricted.versionId]),
    `${label}: ${url} answers exactly like ${madeUpUrl}`,
  ).toBe(normalised(madeUp, [MADE_UP_ID]))
  for (const secret of [restricted.title, restricted.description, word]) {
    expect(reply.body, `${label}: ${url} mentions "${secret}"`).not.toContain(secret)
  }
}

function documentUrls(): string[] {
  const page = restricted.url
  const download = downloadUrl(restricted, restricted.versionId)
  return [
    page,
    dataUrl(page),
    `${page}?_data=routes%2Fdocuments%2Fdetail`,
    download,
    dataUrl(download),
    `${download}?weergave=inline`,
    `${page}/bewerken`,
    dataUrl(`${page}/bewerken`),
    `${page}/nieuwe-versie`,
    dataUrl(`${page}/nieuwe-versie`),
  ]
}

test.describe('someone outside the audience gets the 404 of a made-up id (items 2 and 3)', () => {
  test('the audience itself gets the document (the 404s below are not for want of a document)', async () => {
    for (const session of [knokke, damme]) {
      const page = await send(restricted.url, { session })
      expect(page.status).toBe(200)
      expect(visibleText(page.body)).toContain(restricted.title)
      const file = await fetchBytes(downloadUrl(restricted, restricted.versionId), session)
      expect(file.status).toBe(200)
      expect(file.bytes.toString('utf8')).toBe(restricted.content)
    }
  })

  for (const [label, who] of [
    ['a member of GOS outside the audience (Sluis)', () => sluis],
    ['the GOS coordinator, whose organisation is outside the audience', () => coordinator],
    ['a user of an organisation outside GOS (De Wolden)', () => deWolden],
  ] as const) {
    test(`${label}: page, loader data and download`, async () => {
      for (const url of documentUrls()) await expectSameAsMadeUp(who(), url, label)
    })
  }

  test('refused requests are logged as refused access, with who asked', async () => {
    await send(restricted.url, { session: sluis })
    const denied = all<{ result: string }>(
      `SELECT result FROM AuditEvent
       WHERE action = 'access.denied' AND objectType = 'Document' AND objectId = ? AND actorUserId = ?`,
      restricted.id,
      userId('lid.sluis@example.org'),
    )
    expect(denied.length).toBeGreaterThan(0)
    expect(denied.every((d) => d.result === 'denied')).toBe(true)
  })
})

test.describe('lists, search and counts never mention it (item 5)', () => {
  async function search(session: Session, q: string): Promise<Reply> {
    return send(`/zoeken?${new URLSearchParams({ q })}`, { session })
  }

  test('Damme finds it by a word inside the file; Sluis, its coordinator and De Wolden find nothing', async () => {
    // Text extraction runs in a background job: poll until the word is searchable for the audience.
    await expect
      .poll(async () => visibleText((await search(damme, word)).body), { timeout: 20_000 })
      .toContain(restricted.title)
    const found = visibleText((await search(damme, word)).body)
    expect(found).toContain('1 document gevonden')
    for (const session of [sluis, coordinator, deWolden]) {
      for (const q of [word, restricted.title, restricted.description, `geheim${suffix}`]) {
        for (const url of [
          `/zoeken?${new URLSearchParams({ q })}`,
          dataUrl(`/zoeken?${new URLSearchParams({ q })}`),
        ]) {
          const reply = await send(url, { session })
          expect(reply.status, url).toBe(200)
          for (const secret of [restricted.title, restricted.description, word]) {
            if (q.includes(secret) || secret.includes(q)) continue // the query is echoed back
            expect(reply.body, `${session.email}: ${url}`).not.toContain(secret)
          }
          expect(reply.body, `${session.email}: ${url}`).not.toContain(restricted.id)
        }
        const page = visibleText((await search(session, q)).body)
        expect(page, `${session.email} searching ${q}`).toContain('0 documenten gevonden')
      }
    }
  })

  test('the network list, its filters, the bin and the dashboard leave it out for Sluis and its coordinator', async () => {
    const knokkeId = organisationId('knokke-heist')
    const urls = [
      `/netwerken/${NETWORK}/documenten`,
      `/netwerken/${NETWORK}/documenten?organisatie=${knokkeId}`,
      `/netwerken/${NETWORK}/documenten?soort=overig&organisatie=${knokkeId}`,
      `/netwerken/${NETWORK}/prullenbak`,
      `/netwerken/${NETWORK}`,
      '/',
    ]
    for (const url of urls) {
      const allowed = await send(url, { session: damme })
      expect(allowed.status, url).toBe(200)
      for (const session of [sluis, coordinator]) {
        for (const target of [url, dataUrl(url)]) {
          const reply = await send(target, { session })
          expect(reply.status, `${session.email}: ${target}`).toBe(200)
          for (const secret of [restricted.title, restricted.id, word]) {
            expect(reply.body, `${session.email}: ${target}`).not.toContain(secret)
          }
        }
      }
    }
    const list = await send(`/netwerken/${NETWORK}/documenten?organisatie=${knokkeId}`, {
      session: damme,
    })
    expect(visibleText(list.body)).toContain(restricted.title)
  })

  test('the feed column: the activity feeds show its sharing to Damme; to Sluis and its coordinator not even as "a document shared"', async () => {
    const shared = 'soort=document_shared'
    const urls = [
      `/netwerken/${NETWORK}/activiteit?${shared}`,
      `/activiteit?${shared}`,
      `/netwerken/${NETWORK}/activiteit`,
      '/activiteit',
    ]
    const sentence = text('activity:did.document_shared')
    for (const url of urls) {
      const allowed = await send(url, { session: damme })
      expect(allowed.status, url).toBe(200)
      expect(visibleText(allowed.body), url).toContain(restricted.title)
      expect((await send(dataUrl(url), { session: damme })).body, url).toContain(restricted.id)
      for (const session of [sluis, coordinator]) {
        for (const target of [url, dataUrl(url)]) {
          const reply = await send(target, { session })
          expect(reply.status, `${session.email}: ${target}`).toBe(200)
          for (const secret of [restricted.title, restricted.id, restricted.description, word]) {
            expect(reply.body, `${session.email}: ${target}`).not.toContain(secret)
          }
        }
        if (!url.includes(shared)) continue
        // Every "shared a document" they read names a document they may open: no sentence stands for
        // one kept from them.
        const page = (await send(url, { session })).body
        const sentences = visibleText(page).split(sentence).length - 1
        const links = page.match(/href="\/netwerken\/[^/"]+\/documenten\/[^/"]+"/g) ?? []
        expect(sentences, `${session.email}: ${url}`).toBe(links.length)
      }
    }
    // Outside the network: the network's feed is a 404, the feed across networks leaves it out.
    expect((await send(`/netwerken/${NETWORK}/activiteit`, { session: deWolden })).status).toBe(404)
    const elsewhere = await send('/activiteit', { session: deWolden })
    expect(elsewhere.status).toBe(200)
    expect(elsewhere.body).not.toContain(restricted.title)
  })

  test('loader data holds no storage path, hash or e-mail address (item 7)', async () => {
    const sha = storedPath(restricted.content).split('/').pop()!
    for (const url of [dataUrl(restricted.url), restricted.url]) {
      const reply = await send(url, { session: damme })
      expect(reply.status).toBe(200)
      expect(reply.body, url).not.toContain(sha)
      expect(reply.body, url).not.toContain('e2e-data')
      expect(reply.body, url).not.toContain('lid.knokke-heist@example.org')
      expect(reply.body, url).not.toContain('tempPath')
    }
  })
})

test.describe('changed hidden fields are refused and write nothing (item 4)', () => {
  const zvlProjectId = () =>
    one<{ id: string }>(
      `SELECT p.id FROM Project p JOIN Network n ON n.id = p.networkId
       WHERE n.slug = 'zeeuws-vlaanderen' LIMIT 1`,
    )?.id

  async function tamperedUpload(
    label: string,
    change: (fields: Array<[string, string]>) => Array<[string, string]>,
    options: { network?: string; session?: Session } = {},
  ) {
    const documentTitle = `Gemanipuleerd ${label} ${unique()}`
    const content = `Inhoud die niet opgeslagen mag worden ${unique()}\n`
    const fields = change(
      documentFields({ title: documentTitle, audience: 'selected', organisations: ['damme'] }),
    )
    const reply = await postMultipart(
      `/netwerken/${options.network ?? NETWORK}/documenten/nieuw`,
      multipart(fields, { name: 'notitie.txt', content, type: 'text/plain' }),
      { session: options.session ?? knokke },
    )
    return { reply, documentTitle, content }
  }

  function expectNothingStored(documentTitle: string, content: string) {
    expect(documentsTitled(documentTitle)).toEqual([])
    expect(fs.existsSync(storedPath(content))).toBe(false)
  }

  test('a new document naming an audience organisation outside the network → 400', async () => {
    const { reply, documentTitle, content } = await tamperedUpload('audience', (fields) => [
      ...fields,
      ['organisationIds', organisationId('terneuzen')],
    ])
    expect(reply.status).toBe(400)
    expect(visibleText(reply.body)).toContain(
      'Kies alleen organisaties die deelnemen aan dit netwerk.',
    )
    expectNothingStored(documentTitle, content)
  })

  test('a new document with a project of another network → 400', async () => {
    const projectId = zvlProjectId()
    test.skip(!projectId, 'no Zeeuws-Vlaanderen project in the database')
    const { reply, documentTitle, content } = await tamperedUpload('project', (fields) =>
      fields.map(([name, value]) => [name, name === 'projectId' ? projectId! : value]),
    )
    expect(reply.status).toBe(400)
    expect(visibleText(reply.body)).toContain('Kies een project van dit netwerk.')
    expectNothingStored(documentTitle, content)
  })

  for (const [field, value] of [
    ['networkId', 'zeeuws-vlaanderen'],
    ['ownerOrganisationId', 'sluis'],
    ['organisationId', 'sluis'],
    ['role', 'coordinator'],
    ['id', 'existing'],
  ] as const) {
    test(`a new document with an added "${field}" field → 400`, async () => {
      const actual =
        value === 'zeeuws-vlaanderen'
          ? one<{ id: string }>("SELECT id FROM Network WHERE slug = 'zeeuws-vlaanderen'")!.id
          : value === 'existing'
            ? restricted.id
            : value === 'coordinator'
              ? value
              : organisationId(value)
      const { reply, documentTitle, content } = await tamperedUpload(field, (fields) => [
        ...fields,
        [field, actual],
      ])
      expect(reply.status).toBe(400)
      expect(visibleText(reply.body)).toContain(
        'Dit formulier bevat velden die wij niet verwachten',
      )
      expectNothingStored(documentTitle, content)
    })
  }

  test('an audience other than the two choices → 400', async () => {
    const { reply, documentTitle, content } = await tamperedUpload('audience kind', (fields) =>
      fields.map(([name, value]) => [name, name === 'audience' ? 'everyone' : value]),
    )
    expect(reply.status).toBe(400)
    expectNothingStored(documentTitle, content)
  })

  test("a new document posted to a network the uploader's organisation is not in → 404", async () => {
    const { reply, documentTitle, content } = await tamperedUpload('network', (f) => f, {
      network: 'zeeuws-vlaanderen',
    })
    expect(reply.status).toBe(404)
    expectNothingStored(documentTitle, content)
  })

  function editForm(changes: Record<string, string | string[]> = {}): URLSearchParams {
    const current = one<{ version: number; title: string; audience: string }>(
      'SELECT version, title, audience FROM Document WHERE id = ?',
      restricted.id,
    )!
    const form = new URLSearchParams({
      title: current.title,
      description: restricted.description,
      type: 'overig',
      language: 'nl',
      tags: '',
      audience: current.audience,
      projectId: '',
      version: String(current.version),
    })
    for (const slug of audienceOf(restricted.id).filter((s) => s !== 'knokke-heist')) {
      form.append('organisationIds', organisationId(slug))
    }
    for (const [name, value] of Object.entries(changes)) {
      form.delete(name)
      for (const v of [value].flat()) form.append(name, v)
    }
    return form
  }

  function snapshot() {
    return {
      row: one(
        'SELECT title, audience, version, deletedAt FROM Document WHERE id = ?',
        restricted.id,
      ),
      audience: audienceOf(restricted.id),
    }
  }

  test("editing: an organisation outside the network, another organisation's post, a stale version", async () => {
    const before = snapshot()
    const edit = `${restricted.url}/bewerken`

    const outside = await send(edit, {
      session: knokke,
      form: editForm({
        organisationIds: [organisationId('damme'), organisationId('terneuzen')],
      }),
    })
    expect(outside.status).toBe(400)
    expect(snapshot()).toEqual(before)

    const extra = await send(edit, {
      session: knokke,
      form: (() => {
        const form = editForm()
        form.append('ownerOrganisationId', organisationId('sluis'))
        return form
      })(),
    })
    expect(extra.status).toBe(400)
    expect(snapshot()).toEqual(before)

    // Sluis, and the GOS coordinator of Sluis, try to open it to the whole network.
    for (const session of [sluis, coordinator, deWolden]) {
      const reply = await send(edit, { session, form: editForm({ audience: 'network' }) })
      expect(reply.status, session.email).toBe(404)
      expect(reply.body).not.toContain(restricted.title)
    }
    // Damme sees it but does not manage it.
    const byDamme = await send(edit, { session: damme, form: editForm({ audience: 'network' }) })
    expect(byDamme.status).toBe(404)
    expect(snapshot()).toEqual(before)

    const stale = await send(edit, {
      session: knokke,
      form: editForm({
        title: `Overschreven ${unique()}`,
        version: String((before.row as { version: number }).version + 1),
      }),
    })
    expect(stale.status).toBe(409)
    expect(visibleText(stale.body)).toContain('Iemand anders heeft dit document intussen gewijzigd')
    expect(snapshot()).toEqual(before)
  })

  test('a new version or the bin from someone who may not manage the document → 404, nothing written', async () => {
    const versionsBefore = all('SELECT id FROM DocumentVersion WHERE documentId = ?', restricted.id)
    for (const session of [damme, sluis, coordinator, deWolden]) {
      for (const url of [
        `${restricted.url}/nieuwe-versie`,
        `${restricted.url}/nieuwe-versie.json`,
      ]) {
        const content = `Ongevraagde versie ${unique()}\n`
        const reply = await postMultipart(
          url,
          multipart([], { name: 'versie.txt', content, type: 'text/plain' }),
          { session },
        )
        expect(reply.status, `${session.email}: ${url}`).toBe(404)
        expect(fs.existsSync(storedPath(content))).toBe(false)
      }
      const binned = await send(restricted.url, {
        session,
        form: { intent: 'bin', id: restricted.id, confirmed: 'yes' },
      })
      expect(binned.status, session.email).toBe(404)
    }
    expect(all('SELECT id FROM DocumentVersion WHERE documentId = ?', restricted.id)).toEqual(
      versionsBefore,
    )
    expect(one('SELECT deletedAt FROM Document WHERE id = ?', restricted.id)).toEqual({
      deletedAt: null,
    })
  })

  test('restoring from the bin with the id of a document one may not restore → 404, it stays there', async () => {
    const binnedDoc = await uploadDocument(knokke, NETWORK, {
      title: `Naar de prullenbak ${unique()}`,
      audience: 'selected',
      organisations: ['damme'],
    })
    // Two steps: the first post only asks.
    const asked = await send(binnedDoc.url, { session: knokke, form: { intent: 'bin' } })
    expect(asked.status).toBe(200)
    expect(one('SELECT deletedAt FROM Document WHERE id = ?', binnedDoc.id)).toEqual({
      deletedAt: null,
    })
    const confirmed = await send(binnedDoc.url, {
      session: knokke,
      form: { intent: 'bin', confirmed: 'yes' },
    })
    expect(confirmed.status).toBe(302)
    const deletedAt = () =>
      one<{ deletedAt: string | null }>('SELECT deletedAt FROM Document WHERE id = ?', binnedDoc.id)
        ?.deletedAt
    expect(deletedAt()).not.toBeNull()

    // Sluis and its coordinator never saw it; Damme saw it but it is not Damme's; De Wolden is outside.
    for (const session of [sluis, coordinator, damme]) {
      const bin = await send(`/netwerken/${NETWORK}/prullenbak`, { session })
      expect(bin.body, session.email).not.toContain(binnedDoc.title)
      const reply = await send(`/netwerken/${NETWORK}/prullenbak`, {
        session,
        form: { intent: 'restore', id: binnedDoc.id },
      })
      expect(reply.status, session.email).toBe(404)
      expect(reply.body).not.toContain(binnedDoc.title)
    }
    const outside = await send(`/netwerken/${NETWORK}/prullenbak`, {
      session: deWolden,
      form: { intent: 'restore', id: binnedDoc.id },
    })
    expect(outside.status).toBe(404)
    expect(deletedAt()).not.toBeNull()
    // In the bin, nobody opens it, not even its owner.
    expect((await send(binnedDoc.url, { session: knokke })).status).toBe(404)

    const own = await send(`/netwerken/${NETWORK}/prullenbak`, { session: knokke })
    expect(visibleText(own.body)).toContain(binnedDoc.title)
    const restored = await send(`/netwerken/${NETWORK}/prullenbak`, {
      session: knokke,
      form: { intent: 'restore', id: binnedDoc.id },
    })
    expect(restored.status).toBe(302)
    expect(restored.location).toBe(binnedDoc.url)
    expect(deletedAt()).toBeNull()
  })
})

test.describe('withdrawing an audience organisation (item 6)', () => {
  test("takes effect on Damme's next request in the same session, and adding it back reopens it", async () => {
    const document = await uploadDocument(knokke, NETWORK, {
      title: `Tijdelijk gedeeld met Damme ${unique()}`,
      audience: 'selected',
      organisations: ['damme', 'maldegem'],
    })
    const download = downloadUrl(document, document.versionId)
    const urls = [document.url, dataUrl(document.url), download]
    for (const url of urls) expect((await send(url, { session: damme })).status, url).toBe(200)
    const list = `/netwerken/${NETWORK}/documenten`
    expect((await send(list, { session: damme })).body).toContain(document.title)
    // The feed decides when it is read: the sharing leaves Damme's feed with the audience.
    const feed = `/netwerken/${NETWORK}/activiteit?soort=document_shared`
    expect((await send(feed, { session: damme })).body).toContain(document.title)

    const version = () =>
      one<{ version: number }>('SELECT version FROM Document WHERE id = ?', document.id)!.version
    const save = async (slugs: string[]) => {
      const form = new URLSearchParams({
        title: document.title,
        description: '',
        type: 'overig',
        language: 'nl',
        tags: '',
        audience: 'selected',
        projectId: '',
        version: String(version()),
      })
      for (const slug of slugs) form.append('organisationIds', organisationId(slug))
      const reply = await send(`${document.url}/bewerken`, { session: knokke, form })
      expect(reply.status, reply.body.slice(0, 300)).toBe(302)
    }

    await save(['maldegem'])
    expect(audienceOf(document.id)).toEqual(['knokke-heist', 'maldegem'])
    for (const url of urls) {
      const reply = await send(url, { session: damme })
      expect(reply.status, url).toBe(404)
      expect(reply.body, url).not.toContain(document.title)
      expect(reply.body, url).not.toContain(document.secret)
    }
    expect((await send(list, { session: damme })).body).not.toContain(document.title)
    expect((await send(feed, { session: damme })).body).not.toContain(document.title)

    await save(['damme', 'maldegem'])
    for (const url of urls) expect((await send(url, { session: damme })).status, url).toBe(200)
  })
})
