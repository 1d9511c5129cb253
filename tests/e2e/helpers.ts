import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { meetingWallClock } from '../../app/modules/meetings/types'
import { DEMO_TOTP_SECRET, freshCode } from '../setup/totp-codes'
import { mailParts } from '../setup/mime'
import {
  expect,
  test as base,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
  type Response,
} from '@playwright/test'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** Where tests/e2e/test-server.ts keeps the server's data; without SMTP_URL mail lands in mail/. */
export const mailDir = path.join(root, 'tests', '.output', 'e2e-data', 'mail')

export const DEMO_PASSWORD = 'Zwin-demo-2026!'

/**
 * The journeys' `test`: it fails a test when any page of it, in any browser context it opens, logs an
 * error to the console or throws one (React's hydration errors #418, #423 and #425 included), or when a
 * stylesheet, script, image or other part of a page fails to load. A page or fetch the test asks for
 * itself may answer 404 (the access checks want that), so documents and fetches are judged by their
 * status in the test; a 5xx is never expected.
 */
export const test = base.extend<{ failOnBrowserErrors: void }>({
  failOnBrowserErrors: [
    async ({ browser, context }, use) => {
      const problems: string[] = []
      const watch = (watched: BrowserContext) => {
        watched.on('console', (message) => {
          const problem = consoleProblem(message)
          if (problem) problems.push(problem)
        })
        watched.on('weberror', (error) => {
          problems.push(`uncaught error on ${error.page()?.url() ?? 'a page'}: ${error.error()}`)
        })
        watched.on('response', (response) => {
          const problem = responseProblem(response)
          if (problem) problems.push(problem)
        })
      }
      watch(context)
      // Journeys also open contexts of their own (one per persona): those are watched from the start too.
      const newContext = browser.newContext
      browser.newContext = async (options) => {
        const created = await newContext.call(browser, options)
        watch(created)
        return created
      }
      try {
        await use()
      } finally {
        browser.newContext = newContext
      }
      // React reports a hydration error once for each component it could not hydrate: one line each.
      const distinct = [...new Set(problems)]
      expect(distinct, `errors in the browser:\n${distinct.join('\n')}`).toEqual([])
    },
    { auto: true },
  ],
})

function consoleProblem(message: ConsoleMessage): string | undefined {
  if (message.type() !== 'error') return undefined
  // Chromium logs every answer >= 400 as "Failed to load resource"; responseProblem judges those.
  if (message.text().startsWith('Failed to load resource')) return undefined
  return `console error on ${message.location().url || message.page()?.url()}: ${message.text()}`
}

function responseProblem(response: Response): string | undefined {
  const status = response.status()
  if (status < 400) return undefined
  const kind = response.request().resourceType()
  if (status < 500 && ['document', 'fetch', 'xhr'].includes(kind)) return undefined
  return `${status} for the ${kind} ${response.url()}`
}

/** A short suffix that differs per run, so a second run against the same server creates new things. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
}

/**
 * Signs in through the form (nl-NL texts) and waits until the sign-in page is left. An account with a
 * second factor (the demo administrators, or `totpSecret`) gives the code of its app as the second step,
 * computed in the test (tests/setup/totp-codes.ts keeps parallel tests from bringing one code twice).
 */
export async function login(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  totpSecret = DEMO_TOTP_SECRET,
) {
  await page.goto('/login')
  await fillLoginForm(page, email, password)
  await page.waitForURL((url) => url.pathname !== '/login')
  if (new URL(page.url()).pathname === '/login/tweede-stap') {
    await fillSecondStep(page, await freshCode(email, totpSecret))
  }
  await expect(page).not.toHaveURL(/\/login/)
}

/** The second step of signing in: the code from the app, or a recovery code. */
export async function fillSecondStep(page: Page, code: string) {
  await page.getByLabel('Code', { exact: true }).fill(code)
  await page.getByRole('button', { name: /^(Inloggen|Aanmelden|Sign in)$/ }).click()
}

/**
 * The sign-in page asks for the address first (to find the organisation's own provider), then the
 * password; after a failed attempt it shows both, and then the address is typed again with the password.
 */
export async function fillLoginForm(page: Page, email: string, password: string) {
  await page.getByLabel('E-mailadres').fill(email)
  const passwordField = page.getByLabel('Wachtwoord', { exact: true })
  if ((await passwordField.count()) === 0) {
    await page.getByRole('button', { name: 'Volgende' }).click()
  }
  await passwordField.fill(password)
  await page.getByRole('button', { name: /^(Inloggen|Aanmelden|Log in)$/ }).click()
}

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules on the page as it is now, and fails with a list a person
 * can read: rule, impact, help text, and the elements involved. axe marks `label-content-name-mismatch`
 * (WCAG 2.5.3: a control's name contains its visible text) experimental and leaves it off; it runs here.
 */
export async function expectAccessible(page: Page, label?: string) {
  await page.waitForLoadState('load')
  // options() replaces what withTags() set, so it comes first.
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) =>
            `      ${n.target.join(' ')}\n        ${n.failureSummary?.replace(/\n/g, '\n        ') ?? ''}`,
        )
        .join('\n')
      return `  - ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`
    })
    .join('\n')
  const where = label ?? new URL(page.url()).pathname
  // Compare the rule ids only, so the failure shows the readable report above and not a 200-line diff.
  expect(
    results.violations.map((v) => v.id),
    `WCAG 2.1 A/AA violations on ${where}:\n${report}`,
  ).toEqual([])
}

/**
 * The text of the newest mail to `address` in the server's mail folder, with every MIME part decoded
 * (quoted-printable wraps long lines and would split a link). Waits a little for the file to appear.
 */
export async function newestMailTo(
  address: string,
  after = 0,
  /** Only a mail whose text holds this: journeys beside this one may mail the same person. */
  containing?: string,
): Promise<string> {
  let text: string | undefined
  await expect
    .poll(
      () => {
        text = findNewestMail(address.toLowerCase(), after, containing)
        return text !== undefined
      },
      {
        message: `a mail to ${address}${containing ? ` about ${containing}` : ''} in ${mailDir}`,
        timeout: 10_000,
      },
    )
    .toBe(true)
  return text as string
}

/** The set-password link in the newest mail to `address`. */
export async function setPasswordLinkFor(address: string, after = 0): Promise<string> {
  const mail = await newestMailTo(address, after)
  const link = /https?:\/\/[^\s"'<>]+\/wachtwoord-instellen\/[A-Za-z0-9_-]+/.exec(mail)?.[0]
  if (!link)
    throw new Error(`The newest mail to ${address} holds no /wachtwoord-instellen/ link:\n${mail}`)
  return link
}

function findNewestMail(address: string, after: number, containing?: string): string | undefined {
  return mailTextsTo(address, after, containing)[0]
}

/**
 * Every mail to `address` written since `after` (newest first), as its subject and decoded texts; only
 * those holding `containing` when given. Read once, without waiting (newestMailTo waits for one).
 */
export function mailTextsTo(address: string, after = 0, containing?: string): string[] {
  return mailsTo(address, after, containing).map((mail) => mail.text)
}

export type WrittenMail = {
  file: string
  /** The top-level headers, names in lower case, continuation lines unfolded. */
  headers: Map<string, string>
  /** The subject and every decoded text part (text and HTML), as mailTextsTo gives them. */
  text: string
}

/** mailTextsTo with each mail's file and headers (List-Unsubscribe and the like). */
export function mailsTo(address: string, after = 0, containing?: string): WrittenMail[] {
  if (!fs.existsSync(mailDir)) return []
  // The file names start with an ISO time stamp, so name order is sending order.
  const files = fs
    .readdirSync(mailDir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .reverse()
  const mails: WrittenMail[] = []
  for (const file of files) {
    const full = path.join(mailDir, file)
    if (fs.statSync(full).mtimeMs < after) continue
    const message = mailParts(fs.readFileSync(full, 'latin1'))
    const to = message.headers.get('to') ?? ''
    if (!to.toLowerCase().includes(address.toLowerCase())) continue
    const text = [
      `Subject: ${message.headers.get('subject') ?? ''}`,
      ...message.parts.map((p) => p.body),
    ].join('\n\n')
    if (containing && !text.includes(containing)) continue
    mails.push({ file: full, headers: message.headers, text })
  }
  return mails
}

/** A signed-in page in a browser context of its own (own cookies), for one persona. */
export async function signedInPage(
  browser: Browser,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await login(page, email)
  return page
}

/** The flash message (role status) with this text, after a step that redirects with one. */
export function flash(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: text })
}

type WallClock = { day: string; time: string }

/**
 * The Amsterdam wall-clock start and end of a meeting that began an hour ago (on a five-minute mark) and
 * lasts `minutes`: published, it has begun, so decisions can be recorded without waiting for the clock.
 */
export function begunAnHourAgo(minutes: number): { from: WallClock; to: WallClock } {
  const start = new Date(Math.floor((Date.now() - 60 * 60_000) / (5 * 60_000)) * 5 * 60_000)
  return {
    from: meetingWallClock(start),
    to: meetingWallClock(new Date(start.getTime() + minutes * 60_000)),
  }
}

/**
 * Plans a draft meeting through the form, with the standing items the form ticks, and returns its id;
 * the page is then on the meeting's agenda.
 */
export async function planMeeting(
  page: Page,
  meeting: { title: string; from: WallClock; to: WallClock; host: string; address: string },
): Promise<string> {
  await page.goto('/netwerken/gos/vergaderingen/nieuw')
  await page.getByLabel('Titel', { exact: true }).fill(meeting.title)
  await page.getByLabel('Datum', { exact: true }).fill(meeting.from.day)
  await page.getByLabel('Begintijd').fill(meeting.from.time)
  await page.getByLabel('Eindtijd').fill(meeting.to.time)
  if (meeting.to.day !== meeting.from.day) {
    await page.getByLabel('Einddatum').fill(meeting.to.day)
  }
  await page.getByLabel('Gastheer').selectOption({ label: meeting.host })
  await page.getByLabel('Adres').fill(meeting.address)
  await page.getByRole('button', { name: 'Concept opslaan en agenda opstellen' }).click()
  await expect(page).toHaveURL(/\/vergaderingen\/[^/]+\/agenda$/)
  return /\/vergaderingen\/([^/]+)\/agenda$/.exec(page.url())![1]!
}

/** "4a Vergunningen …" for each row of the agenda manager, in the order shown. */
export async function numberedAgenda(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Agenda met tijdschema' }).locator('tbody tr')
  const shown: string[] = []
  for (const row of await rows.all()) {
    const number = (await row.getByRole('rowheader').innerText()).trim()
    shown.push(`${number} ${(await row.getByRole('link').first().innerText()).trim()}`)
  }
  return shown
}
