/**
 * Joint projects and goals over HTTP, beyond the matrix's empty forms: a refused post that carries
 * a real form writes nothing (docs/security.md items 1 and 4), lists never mention a project to
 * people outside it (item 5), and the budget CSV leaves the server as Excel needs it (the test
 * reads the bytes).
 *
 * The project is made through the product's forms (createZvlProject): Zeeuws-Vlaanderen, led by
 * Terneuzen (the coordinator's organisation), Hulst takes part, Sluis is a member that does not.
 */
import { expect, test } from '@playwright/test'
import {
  all,
  baseURL,
  createZvlGoals,
  createZvlProject,
  dataUrl,
  one,
  organisationId,
  matrixPersonaEmails,
  send,
  signIn,
  unique,
  visibleText,
  type GoalFixture,
  type ProjectFixture,
  type Session,
} from './support'

let project: ProjectFixture
let goals: GoalFixture
const s = {} as Record<keyof typeof matrixPersonaEmails, Session>

test.beforeAll(async () => {
  for (const [persona, email] of Object.entries(matrixPersonaEmails)) {
    s[persona as keyof typeof matrixPersonaEmails] = await signIn(email)
  }
  project = await createZvlProject(s.zvlCoordinator, 'http')
  goals = await createZvlGoals(s.zvlCoordinator, project)
})

const projectUrl = () => `/netwerken/${project.network}/projecten/${project.id}`

function projectRow() {
  return one<{ title: string; version: number; status: string; leadOrganisationId: string }>(
    'SELECT title, version, status, leadOrganisationId FROM Project WHERE id = ?',
    project.id,
  )
}

function budgetLines() {
  return all<{ id: string; organisationId: string; amountCents: number; note: string }>(
    'SELECT id, organisationId, amountCents, note FROM BudgetLine WHERE projectId = ? ORDER BY id',
    project.id,
  )
}

function auditOf(objectId: string) {
  return all<{ action: string }>(
    "SELECT action FROM AuditEvent WHERE objectId = ? AND result = 'success'",
    objectId,
  )
}

function validProjectForm(title: string): URLSearchParams {
  const terneuzen = organisationId('terneuzen')
  const form = new URLSearchParams({
    title,
    description: '',
    status: 'active',
    startDate: '2025-01-01',
    endDate: '2027-12-31',
    leadOrganisationId: terneuzen,
    maxEuSharePercent: '50',
    version: String(projectRow()?.version),
  })
  form.append('participantIds', terneuzen)
  form.append('participantIds', organisationId('hulst'))
  return form
}

test('people who do not edit the project cannot change it, its milestones or its lead', async () => {
  const before = projectRow()
  const milestones = () =>
    all('SELECT id FROM Milestone WHERE projectId = ? ORDER BY id', project.id)
  const milestonesBefore = milestones()
  for (const persona of [
    'hulstMember',
    'member',
    'coordinator',
    'nonMember',
    'orgAdmin',
  ] as const) {
    const form = validProjectForm(`Overgenomen door ${persona}`)
    form.set('leadOrganisationId', organisationId('hulst'))
    const edit = await send(`${projectUrl()}/bewerken`, { session: s[persona], form })
    expect(edit.status, `edit as ${persona}`).toBe(404)
    expect(edit.body).not.toContain(project.title)
    const milestone = await send(projectUrl(), {
      session: s[persona],
      form: { intent: 'addMilestone', title: `Mijlpaal van ${persona}`, dueDate: '2026-06-01' },
    })
    expect(milestone.status, `milestone as ${persona}`).toBe(404)
  }
  expect(projectRow()).toEqual(before)
  expect(milestones()).toEqual(milestonesBefore)
  expect(auditOf(project.id).map((a) => a.action)).toEqual(['project.created'])
})

test('only participating organisations add budget lines, and only their own', async () => {
  const before = budgetLines()
  const line = { intent: 'addLine', year: '2026', category: 'other', source: 'eu', amount: '999' }
  // Sluis is in the network but does not take part; De Wolden and Knokke-Heist are outside it.
  for (const persona of [
    'member',
    'coordinator',
    'platformAdmin',
    'nonMember',
    'orgAdmin',
  ] as const) {
    const reply = await send(`${projectUrl()}/begroting`, {
      session: s[persona],
      form: { ...line, note: `van ${persona}` },
    })
    expect(reply.status, persona).toBe(404)
  }
  // Hulst takes part, but cannot book a line on Terneuzen's name (hidden field added)…
  const tampered = await send(`${projectUrl()}/begroting`, {
    session: s.hulstMember,
    form: { ...line, note: 'op naam van Terneuzen', organisationId: organisationId('terneuzen') },
  })
  expect(tampered.status).toBe(400)
  // …nor remove Terneuzen's line, with or without the confirmation.
  const terneuzenLine = before.find((l) => l.note === project.budgetNote)
  expect(terneuzenLine, 'the fixture line').toBeTruthy()
  const removals: Record<string, string>[] = [
    { intent: 'remove', id: terneuzenLine!.id },
    { intent: 'remove', id: terneuzenLine!.id, confirmed: 'yes' },
  ]
  for (const form of removals) {
    const reply = await send(`${projectUrl()}/begroting`, { session: s.hulstMember, form })
    expect(reply.status, JSON.stringify(form)).toBe(400)
  }
  expect(budgetLines()).toEqual(before)
  expect(auditOf(terneuzenLine!.id).map((a) => a.action)).toEqual(['project.budget_line_added'])
})

test('a coordinator cannot add an organisation from outside the network (hidden field changed)', async () => {
  const title = `Met een buitenstaander ${unique()}`
  const form = validProjectForm(title)
  form.delete('version')
  form.append('participantIds', organisationId('knokke-heist'))
  const reply = await send(`/netwerken/${project.network}/projecten/nieuw`, {
    session: s.zvlCoordinator,
    form,
  })
  expect(reply.status).toBe(400)
  expect(one('SELECT id FROM Project WHERE title = ?', title)).toBeUndefined()
})

test("Hulst cannot open, change or remove Terneuzen's measurement; a non-participant cannot measure", async () => {
  const measurement = () =>
    one('SELECT date, value, note FROM Measurement WHERE id = ?', goals.measurement.id)
  const count = () =>
    one<{ n: number }>(
      'SELECT count(*) AS n FROM Measurement WHERE goalId = ?',
      goals.projectGoal.id,
    )?.n
  const before = measurement()
  const countBefore = count()
  const url = `/netwerken/${project.network}/doelen/${goals.projectGoal.id}/metingen/${goals.measurement.id}`
  for (const persona of ['hulstMember', 'member', 'nonMember', 'orgAdmin'] as const) {
    const attempts: (Record<string, string> | undefined)[] = [
      undefined,
      { intent: 'save', date: '2025-07-01', value: '1', note: `overschreven door ${persona}` },
      { intent: 'remove', confirmed: 'yes' },
    ]
    for (const form of attempts) {
      const reply = await send(url, { session: s[persona], form })
      expect(reply.status, `${persona} ${JSON.stringify(form)}`).toBe(404)
      expect(reply.body).not.toContain(goals.measurement.note)
    }
  }
  // Sluis is in the network but not in the project: no measurements for the project's goal.
  const outsider = await send(`/netwerken/${project.network}/doelen/${goals.projectGoal.id}`, {
    session: s.member,
    form: { intent: 'addMeasurement', date: '2025-07-01', value: '5', note: 'van Sluis' },
  })
  expect(outsider.status).toBe(404)
  expect(measurement()).toEqual(before)
  expect(count()).toBe(countBefore)
})

test('lists, the dashboard and other networks never mention the project to people outside it', async () => {
  const pages: [keyof typeof matrixPersonaEmails, string][] = [
    ['nonMember', '/'],
    ['nonMember', '/projecten'],
    ['orgAdmin', '/'],
    ['orgAdmin', '/projecten'],
    ['orgAdmin', '/netwerken/gos/projecten'],
    ['orgAdmin', '/netwerken/gos/doelen'],
    ['orgAdmin', '/netwerken/gos/programma'],
    // Sluis sees the network's list, but "projects of my organisation" is about taking part
    ['member', '/projecten'],
    ['coordinator', '/netwerken/gos/projecten'],
    ['coordinator', '/netwerken/gos/programma'],
  ]
  for (const [persona, page] of pages) {
    for (const url of [page, dataUrl(page)]) {
      const reply = await send(url, { session: s[persona] })
      expect(reply.status, `${url} as ${persona}`).toBe(200)
      for (const secret of [project.title, goals.projectGoal.name, goals.networkGoal.name]) {
        expect(reply.body, `${url} as ${persona} mentions "${secret}"`).not.toContain(secret)
      }
    }
  }
  const mine = await send('/projecten', { session: s.hulstMember })
  expect(visibleText(mine.body)).toContain(project.title)
  const list = await send(`/netwerken/${project.network}/projecten`, { session: s.member })
  expect(visibleText(list.body)).toContain(project.title)
})

test('the budget CSV: UTF-8 with BOM, ";" and CRLF, accents intact; 404 for people outside', async () => {
  const url = `${projectUrl()}/begroting.csv`
  const response = await fetch(baseURL() + url, {
    headers: { Cookie: s.member.cookie, 'Accept-Language': 'nl-NL' },
    redirect: 'manual',
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''[^\s;"]+\.csv$/,
  )
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  // the download's own policy replaces the page policy: nothing in the file can run
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
  expect(response.headers.get('cache-control')).toBe('private, no-store')
  const bytes = Buffer.from(await response.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.includes(Buffer.from(project.budgetNote, 'utf8'))).toBe(true)
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1)
  expect(text).not.toMatch(/(?<!\r)\n/)
  const rows = text.split('\r\n')
  expect(rows.at(-1)).toBe('')
  expect(rows[0]).toBe('Organisatie;Jaar;Soort kosten;Financieringsbron;Bedrag;Toelichting')
  expect(rows).toContain(
    `Gemeente Terneuzen;2025;Personeel;Eigen middelen;12500,50;${project.budgetNote}`,
  )

  for (const persona of ['nonMember', 'orgAdmin'] as const) {
    for (const target of [
      url,
      dataUrl(url),
      `/netwerken/gos/projecten/${project.id}/begroting.csv`,
    ]) {
      const reply = await send(target, { session: s[persona] })
      expect(reply.status, `${target} as ${persona}`).toBe(404)
      expect(reply.body).not.toContain('Financi')
    }
  }
})
