/**
 * docs/security.md item 16 on the profile form: missing, extra, wrong-type and oversized fields,
 * control characters, NUL and bidirectional overrides → 400 with a message, nothing written; HTML
 * typed into a text field comes back as text. The account is made for the test, so renaming it
 * disturbs nobody.
 */
import { expect, test } from '@playwright/test'
import {
  all,
  createTestAccount,
  dataUrl,
  one,
  organisationId,
  personaEmails,
  send,
  signIn,
  text,
  unique,
  visibleText,
  type Session,
  type TestAccount,
} from '../access/support'

let orgAdmin: Session
let account: TestAccount
let session: Session

test.beforeAll(async () => {
  orgAdmin = await signIn(personaEmails.orgAdmin)
  account = await createTestAccount(orgAdmin, 'invoer')
  session = await signIn(account.email, { password: account.password })
})

type UserRow = {
  name: string
  email: string
  locale: string | null
  isPlatformAdmin: number
  isOrgAdmin: number
  organisationId: string
}
const userRow = () =>
  one<UserRow>(
    'SELECT name, email, locale, isPlatformAdmin, isOrgAdmin, organisationId FROM User WHERE id = ?',
    account.id,
  )!
const profileUpdates = () =>
  all("SELECT id FROM AuditEvent WHERE objectId = ? AND action = 'profile.updated'", account.id)
    .length

const postProfile = (fields: Record<string, string> | URLSearchParams) =>
  send('/profiel', { session, form: fields })

const refused: Array<{ label: string; fields: Record<string, string>; message: string }> = [
  {
    label: 'a missing name',
    fields: { intent: 'profile', locale: 'nl-NL' },
    message: text('validation.required'),
  },
  {
    label: 'an empty name',
    fields: { intent: 'profile', name: '   ', locale: 'nl-NL' },
    message: text('validation.required'),
  },
  {
    label: 'a name one character too long (121)',
    fields: { intent: 'profile', name: 'x'.repeat(121), locale: 'nl-NL' },
    message: text('validation.tooLong', { max: 120 }),
  },
  {
    label: 'a 100 000-character name',
    fields: { intent: 'profile', name: 'x'.repeat(100_000), locale: 'nl-NL' },
    message: text('validation.tooLong', { max: 120 }),
  },
  {
    label: 'a NUL character',
    fields: { intent: 'profile', name: 'Jan\u0000Jansen', locale: 'nl-NL' },
    message: text('validation.invalidCharacters'),
  },
  {
    label: 'a right-to-left override (U+202E)',
    fields: { intent: 'profile', name: 'Jan \u202Efdp.exe', locale: 'nl-NL' },
    message: text('validation.invalidCharacters'),
  },
  {
    label: 'a right-to-left isolate (U+2067)',
    fields: { intent: 'profile', name: 'Jan \u2067Jansen\u2069', locale: 'nl-NL' },
    message: text('validation.invalidCharacters'),
  },
  {
    label: 'a control character (BEL)',
    fields: { intent: 'profile', name: 'Jan\u0007Jansen', locale: 'nl-NL' },
    message: text('validation.invalidCharacters'),
  },
  {
    label: 'a C1 control character (U+0085)',
    fields: { intent: 'profile', name: 'Jan\u0085Jansen', locale: 'nl-NL' },
    message: text('validation.invalidCharacters'),
  },
  {
    label: 'a language that is not offered',
    fields: { intent: 'profile', name: 'Jan Jansen', locale: 'xx-EVIL' },
    message: text('validation.choose'),
  },
]

for (const { label, fields, message } of refused) {
  test(`the profile form refuses ${label}: 400 with a message, nothing written`, async () => {
    const before = userRow()
    const updates = profileUpdates()
    const reply = await postProfile(fields)
    expect(reply.status).toBe(400)
    expect(visibleText(reply.body)).toContain(message)
    expect(userRow()).toEqual(before)
    expect(profileUpdates()).toBe(updates)
  })
}

test('a field sent twice (wrong type: a list instead of one value) is refused with 400, nothing written', async () => {
  const before = userRow()
  const fields = new URLSearchParams([
    ['intent', 'profile'],
    ['name', 'Eerste Naam'],
    ['name', 'Tweede Naam'],
    ['locale', 'nl-NL'],
  ])
  const reply = await postProfile(fields)
  expect(reply.status).toBe(400)
  expect(userRow()).toEqual(before)
})

const extraFields = () => ({
  isPlatformAdmin: 'on',
  isOrgAdmin: 'on',
  organisationId: organisationId('sluis'),
  email: `overgenomen-${unique()}@example.org`,
  id: 'cm-someone-else',
})

test('extra fields in the profile form never change what they name (admin flags, organisation, e-mail)', async () => {
  const before = userRow()
  const name = `Extra Velden ${unique()}`
  await postProfile({ intent: 'profile', name, locale: 'nl-NL', ...extraFields() })
  const after = userRow()
  expect(after.isPlatformAdmin).toBe(before.isPlatformAdmin)
  expect(after.isOrgAdmin).toBe(before.isOrgAdmin)
  expect(after.organisationId).toBe(before.organisationId)
  expect(after.email).toBe(before.email)
})

test('extra fields in the profile form → 400 with a message, nothing written (docs/security.md item 16)', async () => {
  const before = userRow()
  const updates = profileUpdates()
  const reply = await postProfile({
    intent: 'profile',
    name: `Extra Velden ${unique()}`,
    locale: 'nl-NL',
    ...extraFields(),
  })
  expect(reply.status, 'extra fields must be refused, not silently dropped').toBe(400)
  expect(userRow()).toEqual(before)
  expect(profileUpdates()).toBe(updates)
})

test('HTML typed into the name is shown as text everywhere it appears', async () => {
  const id = unique()
  const name = `<img src=x onerror=alert(1)><script>alert(2)</script> ${id}`
  const saved = await postProfile({ intent: 'profile', name, locale: 'nl-NL' })
  expect(saved.status).toBe(302)
  expect(userRow().name).toBe(name)
  const pages = [
    { url: '/profiel', as: session },
    { url: '/', as: session },
    { url: '/beheer/accounts', as: orgAdmin },
    { url: `/beheer/accounts/${account.id}`, as: orgAdmin },
  ]
  for (const { url, as } of pages) {
    const reply = await send(url, { session: as })
    expect(reply.status, url).toBe(200)
    expect(reply.body, url).not.toContain('<img src=x')
    expect(reply.body, url).not.toContain('<script>alert(2)')
    expect(visibleText(reply.body), url).toContain(name)
    const data = await send(dataUrl(url), { session: as })
    expect(data.status, dataUrl(url)).toBe(200)
    expect(data.headers.get('content-type'), dataUrl(url)).not.toContain('text/html')
  }
})
