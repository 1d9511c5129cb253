import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import {
  callAction,
  callLoader,
  callResource,
  fieldErrors,
  sessionCookies,
} from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Joint projects (issue 5): the project form, milestones and the budget, called as Remix calls them,
// against the seeded database. Bad input comes back with a translation key per field and writes nothing;
// what one organisation may not touch answers 404 (or a refusal) and stays as it was.
//
// The network is Zeeuws-Vlaanderen (Sluis, Terneuzen, Hulst). Projects here are led by Terneuzen with
// Hulst taking part; Sluis is a member of the network but not a participant.

const NETWORK = 'zeeuws-vlaanderen'
const COORDINATOR = 'coordinator.zvl@example.org' // Terneuzen, coordinator of the network
const TERNEUZEN = 'lid.terneuzen@example.org' // the lead organisation, no role
const HULST = 'lid.hulst@example.org' // a participant
const SLUIS = 'lid.sluis@example.org' // a member of the network, not a participant
const DE_WOLDEN = 'lid.dewolden@example.org' // P10 only
const KNOKKE = 'lid.knokke-heist@example.org' // GOS only

let t: TestDatabase
let routes: {
  create: typeof import('../../app/routes/projects/new')
  edit: typeof import('../../app/routes/projects/edit')
  detail: typeof import('../../app/routes/projects/detail')
  budget: typeof import('../../app/routes/projects/budget')
  csv: typeof import('../../app/routes/projects/budget-csv')
}
const org: Record<'terneuzen' | 'hulst' | 'sluis' | 'deWolden' | 'knokke', string> = {
  terneuzen: '',
  hulst: '',
  sluis: '',
  deWolden: '',
  knokke: '',
}
const cookie = sessionCookies()

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    create: await import('../../app/routes/projects/new'),
    edit: await import('../../app/routes/projects/edit'),
    detail: await import('../../app/routes/projects/detail'),
    budget: await import('../../app/routes/projects/budget'),
    csv: await import('../../app/routes/projects/budget-csv'),
  }
  const slugs = {
    terneuzen: 'terneuzen',
    hulst: 'hulst',
    sluis: 'sluis',
    deWolden: 'de-wolden',
    knokke: 'knokke-heist',
  } as const
  for (const [key, slug] of Object.entries(slugs)) {
    org[key as keyof typeof slugs] = (
      await t.db.organisation.findUniqueOrThrow({ where: { slug } })
    ).id
  }
})
afterAll(() => t.cleanup())

type Fields = Record<string, string | string[]>

function projectFields(overrides: Fields = {}): Fields {
  return {
    title: 'Gezamenlijke inkoop',
    description: 'Samen inkopen voor drie gemeenten.',
    status: 'active',
    startDate: '2025-01-01',
    endDate: '2027-12-31',
    leadOrganisationId: org.terneuzen,
    participantIds: [org.terneuzen, org.hulst],
    maxEuSharePercent: '50',
    ...overrides,
  }
}

const projectPath = (id: string) => `/netwerken/${NETWORK}/projecten/${id}`
const projectParams = (id: string) => ({ network: NETWORK, project: id })

async function createProject(overrides: Fields = {}): Promise<string> {
  const out = await callAction(
    routes.create.action,
    `/netwerken/${NETWORK}/projecten/nieuw`,
    projectFields(overrides),
    { cookie: await cookie(COORDINATOR), params: { network: NETWORK } },
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  const id = out.location?.split('/').pop()
  if (!id) throw new Error(`No project id in ${out.location}`)
  return id
}

const auditCount = () => t.db.auditEvent.count({ where: { result: 'success' } })

async function auditDetails(action: string, objectId: string) {
  const rows = await t.db.auditEvent.findMany({
    where: { action, objectId },
    orderBy: { createdAt: 'asc' },
  })
  return rows.map((r) => JSON.parse(r.details ?? '{}') as Record<string, Record<string, unknown>>)
}

async function projectCounts() {
  return {
    projects: await t.db.project.count(),
    participants: await t.db.projectParticipant.count(),
    audit: await auditCount(),
  }
}

describe('the project form', () => {
  it('creates a project with the lead among the participants and records it in the audit log', async () => {
    const id = await createProject({ title: 'Inkoop wegenonderhoud', participantIds: [org.hulst] })
    const project = await t.db.project.findUniqueOrThrow({
      where: { id },
      include: { participants: true },
    })
    expect(project.version).toBe(1)
    expect(project.participants.map((p) => p.organisationId).sort()).toEqual(
      [org.terneuzen, org.hulst].sort(),
    )
    const [created] = await auditDetails('project.created', id)
    expect(created?.after).toMatchObject({ title: 'Inkoop wegenonderhoud' })
  })

  const bad: [string, () => Fields, Record<string, string[]>][] = [
    ['an empty title', () => projectFields({ title: '' }), { title: ['required'] }],
    [
      'an end before the start',
      () => projectFields({ startDate: '2026-06-01', endDate: '2026-05-31' }),
      { endDate: ['endBeforeStart'] },
    ],
    [
      'stopped without a reason',
      () => projectFields({ status: 'stopped', stopReason: '' }),
      { stopReason: ['stopReasonRequired'] },
    ],
    [
      'an EU maximum above 100 %',
      () => projectFields({ maxEuSharePercent: '101' }),
      { maxEuSharePercent: ['percentRange'] },
    ],
    [
      'a lead organisation outside the network',
      () => projectFields({ leadOrganisationId: org.deWolden }),
      { '': ['leadNotMember'] },
    ],
    [
      'a participant outside the network (hidden field changed)',
      () => projectFields({ participantIds: [org.terneuzen, org.knokke] }),
      { '': ['participantNotMember'] },
    ],
    [
      'a field the form does not have (networkId)',
      () => projectFields({ networkId: 'gos' }),
      { '': ['unexpectedField'] },
    ],
    ['a date that does not exist', () => projectFields({ startDate: '2025-02-30' }), {}],
  ]

  it.each(bad)('new: refuses %s and writes nothing', async (_, fields, expected) => {
    const before = await projectCounts()
    const out = await callAction(
      routes.create.action,
      `/netwerken/${NETWORK}/projecten/nieuw`,
      fields(),
      { cookie: await cookie(COORDINATOR), params: { network: NETWORK } },
    )
    expect(out.status).toBe(400)
    const errors = fieldErrors(out.data)
    expect(Object.keys(errors).length).toBeGreaterThan(0)
    expect(errors).toMatchObject(expected)
    expect(await projectCounts()).toEqual(before)
  })

  it.each(bad)('edit: refuses %s and changes nothing', async (_, fields, expected) => {
    const id = await createProject({ title: 'Ongewijzigd project' })
    const before = await t.db.project.findUniqueOrThrow({
      where: { id },
      include: { participants: { orderBy: { organisationId: 'asc' } } },
    })
    const counts = await projectCounts()
    const out = await callAction(
      routes.edit.action,
      `${projectPath(id)}/bewerken`,
      { ...fields(), version: '1' },
      { cookie: await cookie(COORDINATOR), params: projectParams(id) },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject(expected)
    const after = await t.db.project.findUniqueOrThrow({
      where: { id },
      include: { participants: { orderBy: { organisationId: 'asc' } } },
    })
    expect(after).toEqual(before)
    expect(await projectCounts()).toEqual(counts)
  })

  it('a stale version gets 409 "conflict" and does not overwrite the first save', async () => {
    const id = await createProject({ title: 'Versie één' })
    const first = await callAction(
      routes.edit.action,
      `${projectPath(id)}/bewerken`,
      projectFields({ title: 'Opgeslagen door de coördinator', version: '1' }),
      { cookie: await cookie(COORDINATOR), params: projectParams(id) },
    )
    expect(first.status).toBe(302)
    // A person of the lead organisation edits too (allowed), from a form loaded at version 1.
    const audits = await auditCount()
    const second = await callAction(
      routes.edit.action,
      `${projectPath(id)}/bewerken`,
      projectFields({ title: 'Oude versie van Terneuzen', participantIds: [], version: '1' }),
      { cookie: await cookie(TERNEUZEN), params: projectParams(id) },
    )
    expect(second.status).toBe(409)
    expect(fieldErrors(second.data)['']).toEqual(['conflict'])
    const project = await t.db.project.findUniqueOrThrow({
      where: { id },
      include: { participants: true },
    })
    expect(project.title).toBe('Opgeslagen door de coördinator')
    expect(project.version).toBe(2)
    expect(project.participants).toHaveLength(2)
    expect(await auditCount()).toBe(audits)

    // without a version at all it is a conflict as well, never a blind overwrite
    const blind = await callAction(
      routes.edit.action,
      `${projectPath(id)}/bewerken`,
      projectFields({ title: 'Zonder versie' }),
      { cookie: await cookie(TERNEUZEN), params: projectParams(id) },
    )
    expect(blind.status).toBe(409)
    expect((await t.db.project.findUniqueOrThrow({ where: { id } })).title).toBe(
      'Opgeslagen door de coördinator',
    )
  })

  it('records before and after of an edit in the audit log', async () => {
    const id = await createProject({ title: 'Voor de wijziging' })
    const out = await callAction(
      routes.edit.action,
      `${projectPath(id)}/bewerken`,
      projectFields({
        title: 'Na de wijziging',
        status: 'stopped',
        stopReason: 'Geen budget',
        version: '1',
      }),
      { cookie: await cookie(TERNEUZEN), params: projectParams(id) },
    )
    expect(out.status).toBe(302)
    const [updated] = await auditDetails('project.updated', id)
    expect(updated?.before).toMatchObject({ title: 'Voor de wijziging', status: 'active' })
    expect(updated?.after).toMatchObject({
      title: 'Na de wijziging',
      status: 'stopped',
      stopReason: 'Geen budget',
    })
  })

  it('a participant that does not lead, and a member that does not take part, get 404 on the edit form', async () => {
    const id = await createProject()
    for (const email of [HULST, SLUIS, DE_WOLDEN]) {
      const page = await callLoader(routes.edit.loader, `${projectPath(id)}/bewerken`, {
        cookie: await cookie(email),
        params: projectParams(id),
      })
      expect(page.status, email).toBe(404)
      const out = await callAction(
        routes.edit.action,
        `${projectPath(id)}/bewerken`,
        projectFields({ title: `Gekaapt door ${email}`, version: '1' }),
        { cookie: await cookie(email), params: projectParams(id) },
      )
      expect(out.status, email).toBe(404)
    }
    const project = await t.db.project.findUniqueOrThrow({ where: { id } })
    expect(project.title).toBe('Gezamenlijke inkoop')
    expect(project.version).toBe(1)
  })

  it('a member without a coordinator role cannot create a project (404, nothing written)', async () => {
    const before = await projectCounts()
    const out = await callAction(
      routes.create.action,
      `/netwerken/${NETWORK}/projecten/nieuw`,
      projectFields({ title: 'Niet toegestaan' }),
      { cookie: await cookie(TERNEUZEN), params: { network: NETWORK } },
    )
    expect(out.status).toBe(404)
    expect(await projectCounts()).toEqual(before)
  })
})

describe('contact persons', () => {
  const setContact = async (email: string, id: string, contactUserId: string) =>
    callAction(
      routes.detail.action,
      projectPath(id),
      { intent: 'setContact', contactUserId },
      { cookie: await cookie(email), params: projectParams(id) },
    )
  const contactOf = async (id: string, organisationId: string) =>
    (
      await t.db.projectParticipant.findUniqueOrThrow({
        where: { projectId_organisationId: { projectId: id, organisationId } },
      })
    ).contactUserId

  it('each participating organisation names one of its own people, with before and after logged', async () => {
    const id = await createProject({ title: 'Contactproject' })
    const hulst = await t.db.user.findUniqueOrThrow({ where: { email: HULST } })
    const out = await setContact(HULST, id, hulst.id)
    expect(out.status).toBe(302)
    expect(await contactOf(id, org.hulst)).toBe(hulst.id)
    const [logged] = await auditDetails('project.contact_set', id)
    expect(logged).toMatchObject({
      before: { contactUserId: null },
      after: { contactUserId: hulst.id },
    })
  })

  it("refuses a person of another organisation as contact, and another organisation's slot stays as it was", async () => {
    const id = await createProject({ title: 'Contactproject twee' })
    const terneuzen = await t.db.user.findUniqueOrThrow({ where: { email: TERNEUZEN } })
    const audits = await auditCount()
    const out = await setContact(HULST, id, terneuzen.id)
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ error: 'notAllowed' })
    expect(await contactOf(id, org.hulst)).toBeNull()
    expect(await contactOf(id, org.terneuzen)).toBeNull()
    expect(await auditCount()).toBe(audits)
  })

  it('an organisation that does not take part cannot name a contact (404, nothing written)', async () => {
    const id = await createProject({ title: 'Contactproject drie' })
    const sluis = await t.db.user.findUniqueOrThrow({ where: { email: SLUIS } })
    const before = await t.db.projectParticipant.findMany({ where: { projectId: id } })
    for (const email of [SLUIS, DE_WOLDEN]) {
      const out = await setContact(email, id, sluis.id)
      expect(out.status, email).toBe(404)
    }
    expect(await t.db.projectParticipant.findMany({ where: { projectId: id } })).toEqual(before)
  })
})

describe('milestones', () => {
  let projectId: string
  let otherProjectId: string
  let otherMilestoneId: string

  const addMilestone = async (id: string, title: string, dueDate: string) => {
    const out = await callAction(
      routes.detail.action,
      projectPath(id),
      { intent: 'addMilestone', title, dueDate },
      { cookie: await cookie(COORDINATOR), params: projectParams(id) },
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    return (
      await t.db.milestone.findFirstOrThrow({
        where: { projectId: id, title },
        orderBy: { createdAt: 'desc' },
      })
    ).id
  }

  beforeAll(async () => {
    projectId = await createProject({ title: 'Mijlpalenproject' })
    otherProjectId = await createProject({ title: 'Ander project' })
    otherMilestoneId = await addMilestone(otherProjectId, 'Mijlpaal van een ander', '2020-01-15')
  })

  it.each([
    [{ dueDate: '2026-02-30' }, { dueDate: ['date'] }],
    [{ dueDate: '30-01-2026' }, { dueDate: ['date'] }],
    [{ dueDate: '' }, { dueDate: ['required'] }],
    [{ title: '' }, { title: ['required'] }],
  ])('refuses %j and writes nothing', async (fields, expected) => {
    const before = await t.db.milestone.count()
    const audits = await auditCount()
    const out = await callAction(
      routes.detail.action,
      projectPath(projectId),
      {
        intent: 'addMilestone',
        title: 'Aanbesteding gepubliceerd',
        dueDate: '2026-03-01',
        ...fields,
      },
      { cookie: await cookie(COORDINATOR), params: projectParams(projectId) },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { milestone: unknown }).milestone)).toMatchObject(expected)
    expect(await t.db.milestone.count()).toBe(before)
    expect(await auditCount()).toBe(audits)
  })

  it("refuses another project's milestone id, for done, reopen and remove", async () => {
    const audits = await auditCount()
    const forms: Fields[] = [
      { intent: 'done', id: otherMilestoneId },
      { intent: 'reopen', id: otherMilestoneId },
      { intent: 'remove', id: otherMilestoneId },
      { intent: 'remove', id: otherMilestoneId, confirmed: 'yes' },
    ]
    for (const fields of forms) {
      const out = await callAction(routes.detail.action, projectPath(projectId), fields, {
        cookie: await cookie(COORDINATOR),
        params: projectParams(projectId),
      })
      expect(out.status, JSON.stringify(fields)).toBe(400)
      expect(out.data).toEqual({ error: 'notAllowed' })
    }
    const milestone = await t.db.milestone.findUniqueOrThrow({ where: { id: otherMilestoneId } })
    expect(milestone.doneAt).toBeNull()
    expect(milestone.projectId).toBe(otherProjectId)
    expect(await auditCount()).toBe(audits)
  })

  it('participants and members who do not edit get 404 on milestone changes', async () => {
    const before = await t.db.milestone.count()
    for (const email of [HULST, SLUIS, DE_WOLDEN]) {
      const out = await callAction(
        routes.detail.action,
        projectPath(otherProjectId),
        { intent: 'done', id: otherMilestoneId },
        { cookie: await cookie(email), params: projectParams(otherProjectId) },
      )
      expect(out.status, email).toBe(404)
      const added = await callAction(
        routes.detail.action,
        projectPath(otherProjectId),
        { intent: 'addMilestone', title: 'Ongevraagd', dueDate: '2026-01-01' },
        { cookie: await cookie(email), params: projectParams(otherProjectId) },
      )
      expect(added.status, email).toBe(404)
    }
    expect(await t.db.milestone.count()).toBe(before)
    expect(
      (await t.db.milestone.findUniqueOrThrow({ where: { id: otherMilestoneId } })).doneAt,
    ).toBeNull()
  })

  it('derives late, planned and done in the loader data, and logs before and after', async () => {
    const late = await addMilestone(projectId, 'Marktconsultatie', '2020-03-01')
    const planned = await addMilestone(projectId, 'Gunning', '2099-06-30')
    const done = await addMilestone(projectId, 'Startbijeenkomst', '2021-05-01')
    const marked = await callAction(
      routes.detail.action,
      projectPath(projectId),
      { intent: 'done', id: done },
      { cookie: await cookie(TERNEUZEN), params: projectParams(projectId) },
    )
    expect(marked.status).toBe(302)

    // Hulst takes part and sees the project; the status is computed, not stored
    const page = await callLoader(routes.detail.loader, projectPath(projectId), {
      cookie: await cookie(HULST),
      params: projectParams(projectId),
    })
    expect(page.status).toBe(200)
    const data = page.data as {
      canEdit: boolean
      isParticipant: boolean
      project: { milestones: { id: string; state: string }[] }
    }
    expect(data.canEdit).toBe(false)
    expect(data.isParticipant).toBe(true)
    const states = Object.fromEntries(data.project.milestones.map((m) => [m.id, m.state]))
    expect(states).toEqual({ [late]: 'late', [planned]: 'planned', [done]: 'done' })

    const [updated] = await auditDetails('project.milestone_updated', projectId)
    expect(updated).toMatchObject({ before: { done: false }, after: { done: true } })
    const added = await auditDetails('project.milestone_added', projectId)
    expect(added.map((a) => a.after?.title)).toEqual(
      expect.arrayContaining(['Marktconsultatie', 'Gunning', 'Startbijeenkomst']),
    )
  })

  it('removes a milestone only after confirmation, with the removed values in the audit log', async () => {
    const id = await addMilestone(projectId, 'Tijdelijke mijlpaal', '2026-09-01')
    const ask = await callAction(
      routes.detail.action,
      projectPath(projectId),
      { intent: 'remove', id },
      { cookie: await cookie(COORDINATOR), params: projectParams(projectId) },
    )
    expect(ask.data).toMatchObject({ confirm: { intent: 'remove', id } })
    expect(await t.db.milestone.findUnique({ where: { id } })).not.toBeNull()
    const out = await callAction(
      routes.detail.action,
      projectPath(projectId),
      { intent: 'remove', id, confirmed: 'yes' },
      { cookie: await cookie(COORDINATOR), params: projectParams(projectId) },
    )
    expect(out.status).toBe(302)
    expect(await t.db.milestone.findUnique({ where: { id } })).toBeNull()
    const removed = await auditDetails('project.milestone_removed', projectId)
    expect(removed.at(-1)?.before).toMatchObject({ id, title: 'Tijdelijke mijlpaal' })
  })
})

describe('the budget', () => {
  let projectId: string
  const budgetPath = () => `${projectPath(projectId)}/begroting`

  function lineFields(overrides: Fields = {}): Fields {
    return {
      intent: 'addLine',
      year: '2025',
      category: 'staff',
      source: 'own',
      amount: '1.000,00',
      note: '',
      ...overrides,
    }
  }

  async function addLine(email: string, overrides: Fields = {}, id = projectId) {
    return callAction(routes.budget.action, `${projectPath(id)}/begroting`, lineFields(overrides), {
      cookie: await cookie(email),
      params: projectParams(id),
    })
  }

  async function lineOf(email: string, note: string) {
    const user = await t.db.user.findUniqueOrThrow({ where: { email } })
    return t.db.budgetLine.findFirstOrThrow({
      where: { projectId, organisationId: user.organisationId, note },
    })
  }

  beforeAll(async () => {
    projectId = await createProject({ title: 'Begrotingsproject' })
    expect((await addLine(TERNEUZEN, { note: 'Financiële bijdrage café' })).status).toBe(302)
    expect(
      (
        await addLine(HULST, {
          year: '2026',
          category: 'external',
          source: 'eu',
          amount: '1.500,00',
          note: 'Interreg; "deel" 1',
        })
      ).status,
    ).toBe(302)
  })

  it.each([
    [{ amount: '-100' }, { amount: ['amountNegative'] }],
    [{ amount: '−12,50' }, { amount: ['amountNegative'] }],
    [{ amount: 'twaalf' }, { amount: ['amountInvalid'] }],
    [{ amount: '12,345' }, { amount: ['amountInvalid'] }],
    [{ amount: '12.3456' }, { amount: ['amountInvalid'] }],
    [{ amount: '' }, { amount: ['required'] }],
    [{ amount: '1000000001' }, { amount: ['amountTooLarge'] }],
    [{ year: '2030' }, { year: ['yearOutsidePeriod'] }],
    [{ year: '2024' }, { year: ['yearOutsidePeriod'] }],
    [{ year: 'twaalf' }, { year: ['number'] }],
    [{ year: '2025.5' }, { year: ['wholeNumber'] }],
    [{ category: 'omkoping' }, { category: ['choose'] }],
    [{ source: 'loterij' }, { source: ['choose'] }],
    // the line is always the poster's own organisation's; a form that names one is tampered with
    [{ organisationId: 'hulst' }, { '': ['unexpectedField'] }],
  ])('refuses %j and writes nothing', async (fields, expected) => {
    const before = await t.db.budgetLine.count()
    const audits = await auditCount()
    const out = await addLine(TERNEUZEN, fields)
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { line: unknown }).line)).toEqual(expected)
    expect(await t.db.budgetLine.count()).toBe(before)
    expect(await auditCount()).toBe(audits)
  })

  it("Hulst cannot remove Terneuzen's line, with or without the confirmation", async () => {
    const line = await lineOf(TERNEUZEN, 'Financiële bijdrage café')
    const audits = await auditCount()
    const forms: Fields[] = [
      { intent: 'remove', id: line.id },
      { intent: 'remove', id: line.id, confirmed: 'yes' },
    ]
    for (const fields of forms) {
      const out = await callAction(routes.budget.action, budgetPath(), fields, {
        cookie: await cookie(HULST),
        params: projectParams(projectId),
      })
      expect(out.status).toBe(400)
      expect(out.data).toEqual({ error: 'notAllowed' })
    }
    expect(await t.db.budgetLine.findUnique({ where: { id: line.id } })).toEqual(line)
    expect(await auditCount()).toBe(audits)
  })

  it('a member of the network that does not take part cannot add or remove lines (404)', async () => {
    const line = await lineOf(TERNEUZEN, 'Financiële bijdrage café')
    const before = await t.db.budgetLine.count()
    for (const email of [SLUIS, DE_WOLDEN, KNOKKE]) {
      const added = await addLine(email, { note: `van ${email}` })
      expect(added.status, email).toBe(404)
      const removed = await callAction(
        routes.budget.action,
        budgetPath(),
        { intent: 'remove', id: line.id, confirmed: 'yes' },
        { cookie: await cookie(email), params: projectParams(projectId) },
      )
      expect(removed.status, email).toBe(404)
    }
    expect(await t.db.budgetLine.count()).toBe(before)
    expect(await t.db.budgetLine.findUnique({ where: { id: line.id } })).toEqual(line)
  })

  it('an organisation removes its own line after confirming; the audit log keeps the values', async () => {
    expect(
      (await addLine(TERNEUZEN, { year: '2027', amount: '250', note: 'Tijdelijk' })).status,
    ).toBe(302)
    const line = await lineOf(TERNEUZEN, 'Tijdelijk')
    const [added] = await auditDetails('project.budget_line_added', line.id)
    expect(added?.after).toMatchObject({ year: 2027, amountCents: 25000, note: 'Tijdelijk' })

    const ask = await callAction(
      routes.budget.action,
      budgetPath(),
      { intent: 'remove', id: line.id },
      { cookie: await cookie(TERNEUZEN), params: projectParams(projectId) },
    )
    expect(ask.data).toMatchObject({ confirm: { id: line.id, amountCents: 25000, year: 2027 } })
    expect(await t.db.budgetLine.findUnique({ where: { id: line.id } })).not.toBeNull()
    const out = await callAction(
      routes.budget.action,
      budgetPath(),
      { intent: 'remove', id: line.id, confirmed: 'yes' },
      { cookie: await cookie(TERNEUZEN), params: projectParams(projectId) },
    )
    expect(out.status).toBe(302)
    expect(await t.db.budgetLine.findUnique({ where: { id: line.id } })).toBeNull()
    const [removed] = await auditDetails('project.budget_line_removed', line.id)
    expect(removed?.before).toMatchObject({ year: 2027, amountCents: 25000, note: 'Tijdelijk' })
  })

  it('shows totals per partner, year and source and flags an EU share above the maximum', async () => {
    const page = await callLoader(routes.budget.loader, budgetPath(), {
      cookie: await cookie(SLUIS),
      params: projectParams(projectId),
    })
    expect(page.status).toBe(200)
    const data = page.data as {
      isParticipant: boolean
      totals: {
        totalCents: number
        byOrganisation: { organisationName: string; totalCents: number }[]
        byYear: { year: number; totalCents: number }[]
        bySource: Record<string, number>
      }
      euCheck: { sharePercent: number; maxPercent: number; exceeded: boolean }
      period: { from: number; to: number }
    }
    expect(data.isParticipant).toBe(false)
    expect(data.totals.totalCents).toBe(250_000)
    expect(data.totals.byOrganisation).toEqual([
      expect.objectContaining({ organisationName: 'Gemeente Hulst', totalCents: 150_000 }),
      expect.objectContaining({ organisationName: 'Gemeente Terneuzen', totalCents: 100_000 }),
    ])
    expect(data.totals.byYear).toEqual([
      { year: 2025, totalCents: 100_000 },
      { year: 2026, totalCents: 150_000 },
    ])
    expect(data.totals.bySource).toEqual({ own: 100_000, province: 0, national: 0, eu: 150_000 })
    // 60 % EU against Interreg's 50 %
    expect(data.euCheck).toEqual({ sharePercent: 60, maxPercent: 50, exceeded: true })
    expect(data.period).toEqual({ from: 2025, to: 2027 })
  })

  it('does not flag an EU share of exactly the maximum', async () => {
    const id = await createProject({ title: 'Precies de helft' })
    expect((await addLine(TERNEUZEN, { amount: '800' }, id)).status).toBe(302)
    expect((await addLine(HULST, { amount: '800', source: 'eu' }, id)).status).toBe(302)
    const page = await callLoader(routes.budget.loader, `${projectPath(id)}/begroting`, {
      cookie: await cookie(HULST),
      params: projectParams(id),
    })
    expect((page.data as { euCheck: unknown }).euCheck).toEqual({
      sharePercent: 50,
      maxPercent: 50,
      exceeded: false,
    })
  })

  // An amount within the form's own limit (at most 1 000 000 000 euro) must be stored exactly, or
  // refused with a message; never a server error.
  it('stores a large amount within the limit exactly (25 million euro)', async () => {
    const id = await createProject({ title: 'Groot project' })
    const out = await addLine(TERNEUZEN, { amount: '25.000.000', note: 'Groot bedrag' }, id)
    expect(out.status).toBe(302)
    const line = await t.db.budgetLine.findFirstOrThrow({
      where: { projectId: id, note: 'Groot bedrag' },
    })
    expect(line.amountCents).toBe(2_500_000_000)
    // the limit itself, 1 000 000 000 euro, is allowed as well
    expect((await addLine(HULST, { amount: '1.000.000.000', note: 'Limiet' }, id)).status).toBe(302)
    const limit = await t.db.budgetLine.findFirstOrThrow({
      where: { projectId: id, note: 'Limiet' },
    })
    expect(limit.amountCents).toBe(100_000_000_000)
  })

  it("refuses the id of the poster's own line in another project", async () => {
    const id = await createProject({ title: 'Project met een eigen regel van Hulst' })
    expect((await addLine(HULST, { note: 'Regel elders' }, id)).status).toBe(302)
    const elsewhere = await t.db.budgetLine.findFirstOrThrow({
      where: { projectId: id, note: 'Regel elders' },
    })
    const out = await callAction(
      routes.budget.action,
      budgetPath(),
      { intent: 'remove', id: elsewhere.id, confirmed: 'yes' },
      { cookie: await cookie(HULST), params: projectParams(projectId) },
    )
    expect(out.status).toBe(400)
    expect(await t.db.budgetLine.findUnique({ where: { id: elsewhere.id } })).toEqual(elsewhere)
  })

  describe('the CSV export', () => {
    const csvPath = () => `${budgetPath()}.csv`

    it('is UTF-8 with a BOM, ";" between fields and CRLF line ends, with the accents intact', async () => {
      const out = await callResource(routes.csv.loader, csvPath(), {
        cookie: await cookie(SLUIS),
        params: projectParams(projectId),
      })
      expect(out.status).toBe(200)
      expect(out.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      expect(out.headers.get('Content-Disposition')).toMatch(
        /^attachment; filename=".+\.csv"; filename\*=UTF-8''.+\.csv$/,
      )
      expect(out.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
      expect([...out.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      // "ë" and "é" as their two UTF-8 bytes each, not as Latin-1 or as mangled text
      const bytes = Buffer.from(out.bytes)
      expect(bytes.includes(Buffer.from('Financiële bijdrage café', 'utf8'))).toBe(true)
      expect(bytes.includes(Buffer.from([0xc3, 0xab]))).toBe(true)
      expect(bytes.includes(Buffer.from([0xc3, 0xa9]))).toBe(true)

      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(out.bytes).slice(1)
      expect(text.endsWith('\r\n')).toBe(true)
      expect(text).not.toMatch(/(?<!\r)\n/)
      const rows = text.slice(0, -2).split('\r\n')
      expect(rows).toEqual([
        'Organisatie;Jaar;Soort kosten;Financieringsbron;Bedrag;Toelichting',
        'Gemeente Hulst;2026;Externe kosten;EU / Interreg;1500,00;"Interreg; ""deel"" 1"',
        'Gemeente Terneuzen;2025;Personeel;Eigen middelen;1000,00;Financiële bijdrage café',
      ])
    })

    it('answers 404 to people outside the network and for a project of another network', async () => {
      for (const email of [DE_WOLDEN, KNOKKE]) {
        const out = await callResource(routes.csv.loader, csvPath(), {
          cookie: await cookie(email),
          params: projectParams(projectId),
        })
        expect(out.status, email).toBe(404)
        expect(Buffer.from(out.bytes).toString('utf8')).not.toContain('Financi')
      }
      // the right project id under a network the user does see (GOS) is still not found
      const elsewhere = await callResource(routes.csv.loader, csvPath(), {
        cookie: await cookie(SLUIS),
        params: { network: 'gos', project: projectId },
      })
      expect(elsewhere.status).toBe(404)
    })
  })
})

describe('figures an organisation reported stay its own', () => {
  async function edit(id: string, overrides: Fields) {
    const version = (await t.db.project.findUniqueOrThrow({ where: { id } })).version
    return callAction(
      routes.edit.action,
      `${projectPath(id)}/bewerken`,
      projectFields({ version: String(version), ...overrides }),
      { cookie: await cookie(COORDINATOR), params: projectParams(id) },
    )
  }

  it('an organisation with budget lines cannot be dropped from the project', async () => {
    const id = await createProject({ title: 'Project met Hulst' })
    const out = await callAction(
      routes.budget.action,
      `${projectPath(id)}/begroting`,
      {
        intent: 'addLine',
        year: '2025',
        category: 'staff',
        source: 'own',
        amount: '500',
        note: '',
      },
      { cookie: await cookie(HULST), params: projectParams(id) },
    )
    expect(out.status).toBe(302)
    const refused = await edit(id, { participantIds: [org.terneuzen] })
    expect(refused.status).toBe(400)
    expect(fieldErrors(refused.data)['']).toEqual(['participantHasData'])
    expect(
      await t.db.projectParticipant.count({ where: { projectId: id, organisationId: org.hulst } }),
    ).toBe(1)
  })

  it('the period cannot shrink past the years of existing budget lines', async () => {
    const id = await createProject({ title: 'Project met lijnen in 2025' })
    await callAction(
      routes.budget.action,
      `${projectPath(id)}/begroting`,
      {
        intent: 'addLine',
        year: '2025',
        category: 'staff',
        source: 'own',
        amount: '500',
        note: '',
      },
      { cookie: await cookie(TERNEUZEN), params: projectParams(id) },
    )
    const refused = await edit(id, { startDate: '2026-01-01' })
    expect(refused.status).toBe(400)
    expect(fieldErrors(refused.data)['']).toEqual(['linesOutsidePeriod'])
    const project = await t.db.project.findUniqueOrThrow({ where: { id } })
    expect(project.startDate?.toISOString().slice(0, 10)).toBe('2025-01-01')
    // dropping a partner without figures is fine
    expect((await edit(id, { participantIds: [org.terneuzen] })).status).toBe(302)
  })
})

describe('a partner whose network membership ended', () => {
  it('stays in the project, and the project can still be saved', async () => {
    const id = await createProject({ title: 'Project met een vertrekkende partner' })
    const membership = await t.db.networkMembership.findFirstOrThrow({
      where: { network: { slug: NETWORK }, organisationId: org.hulst },
    })
    await t.db.networkMembership.update({
      where: { id: membership.id },
      data: { activeTo: new Date(Date.now() - 1000) },
    })
    try {
      const form = await callLoader(routes.edit.loader, `${projectPath(id)}/bewerken`, {
        cookie: await cookie(COORDINATOR),
        params: projectParams(id),
      })
      const organisations = (form.data as { organisations: { id: string }[] }).organisations
      expect(organisations.map((o) => o.id)).toContain(org.hulst)
      const version = (await t.db.project.findUniqueOrThrow({ where: { id } })).version
      const saved = await callAction(
        routes.edit.action,
        `${projectPath(id)}/bewerken`,
        projectFields({
          title: 'Project met een vertrekkende partner',
          status: 'completed',
          version: String(version),
        }),
        { cookie: await cookie(COORDINATOR), params: projectParams(id) },
      )
      expect(saved.status).toBe(302)
      expect((await t.db.project.findUniqueOrThrow({ where: { id } })).status).toBe('completed')
    } finally {
      await t.db.networkMembership.update({
        where: { id: membership.id },
        data: { activeTo: null },
      })
    }
  })
})

describe('loader data of a project', () => {
  it("carries the contact person's id only for the caller's own organisation", async () => {
    const id = await createProject({ title: 'Project met contactpersonen' })
    const hulstPerson = await t.db.user.findUniqueOrThrow({ where: { email: HULST } })
    await t.db.projectParticipant.update({
      where: { projectId_organisationId: { projectId: id, organisationId: org.hulst } },
      data: { contactUserId: hulstPerson.id },
    })
    const page = await callLoader(routes.detail.loader, projectPath(id), {
      cookie: await cookie(TERNEUZEN),
      params: projectParams(id),
    })
    const participants = (
      page.data as {
        project: {
          participants: { id: string; contact: string | null; contactId: string | null }[]
        }
      }
    ).project.participants
    const hulst = participants.find((p) => p.id === org.hulst)
    expect(hulst?.contact).toBe(hulstPerson.name)
    expect(hulst?.contactId).toBeNull()
    expect(JSON.stringify(page.data)).not.toContain(hulstPerson.id)
  })

  it('refuses a milestone date in an impossible year', async () => {
    const id = await createProject({ title: 'Project met een oude mijlpaal' })
    const out = await callAction(
      routes.detail.action,
      projectPath(id),
      { intent: 'addMilestone', title: 'Heel lang geleden', dueDate: '0500-06-01' },
      { cookie: await cookie(COORDINATOR), params: projectParams(id) },
    )
    expect(out.status).toBe(400)
    expect(await t.db.milestone.count({ where: { projectId: id } })).toBe(0)
  })
})
