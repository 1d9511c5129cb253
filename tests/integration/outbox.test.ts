// The mail outbox (issue 14, item 5) on a real migrated database and a real SMTP listener: a mail is
// queued in the transaction of its change (a rolled-back change leaves none), a key is queued once, a
// refusing server is tried again after a wait and the mail arrives once, a mail that keeps failing is
// given up with its reason and shown to the platform administrator, who can try it again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, cookieFor } from '../setup/route-calls'
import { messageIdOf, smtpListener } from '../setup/smtp-listener'
import { onSqlite } from '../setup/sqlite-only'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const smtp = smtpListener()
let t: TestDatabase
let outbox: typeof import('../../app/modules/mail/outbox.server')

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  outbox = await import('../../app/modules/mail/outbox.server')
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
afterEach(async () => {
  smtp.clear()
  await t.db.outboxMail.deleteMany()
})

const minute = 60_000
const mail = (subject: string) => ({ subject, text: `Tekst van ${subject}` })

function queue(key: string, to = 'lid.sluis@example.org', subject = key) {
  return t.db.$transaction((tx) =>
    outbox.queueMail(tx, { key, to, category: 'account', mail: mail(subject) }),
  )
}

describe('queueing', () => {
  it('writes the mail only with the change that causes it: a rolled-back change leaves none', async () => {
    const failed = await t.db
      .$transaction(async (tx) => {
        await outbox.queueMail(tx, {
          key: 'test:rolled-back',
          to: 'lid.sluis@example.org',
          category: 'account',
          mail: mail('Teruggedraaid'),
        })
        throw new Error('the change fails')
      })
      .catch((error: Error) => error.message)
    expect(failed).toBe('the change fails')
    expect(await t.db.outboxMail.count()).toBe(0)
    expect(await smtp.deliver()).toHaveLength(0)
  })

  it('queues a key once: the same key again is a no-op, and one mail arrives', async () => {
    await queue('test:twice')
    await queue('test:twice', 'lid.sluis@example.org', 'Een tweede onderwerp')
    expect(await t.db.outboxMail.count()).toBe(1)
    const received = await smtp.deliver()
    expect(received).toHaveLength(1)
    expect(received[0]!.raw).toContain('Subject: test:twice')
    expect(messageIdOf(received[0]!)).toBe(outbox.messageIdFor('test:twice'))
    // Sent is sent: a later run sends nothing again.
    expect(await outbox.sendDueMails()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(smtp.received).toHaveLength(1)
    const row = await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:twice' } })
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(row.sentAt).toBeInstanceOf(Date)
  })

  it('keeps headers, Reply-To and attachments as composed', async () => {
    await t.db.$transaction((tx) =>
      outbox.queueMail(tx, {
        key: 'test:parts',
        to: 'lid.sluis@example.org',
        category: 'invitation',
        mail: {
          ...mail('Met bijlage'),
          html: '<p>Met bijlage</p>',
          replyTo: 'secretaris@example.org',
          headers: { 'List-Unsubscribe': '<https://zwin.example/afmelden>' },
          attachments: [
            {
              filename: 'vergadering.ics',
              content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ],
        },
      }),
    )
    const [received] = await smtp.deliver()
    expect(received!.raw).toContain('List-Unsubscribe: <https://zwin.example/afmelden>')
    expect(received!.raw).toContain('Reply-To: secretaris@example.org')
    expect(received!.raw).toContain('filename=vergadering.ics')
    expect(received!.raw).toContain('text/html')
    expect(received!.raw).toMatch(/BEGIN:VCALENDAR|QkVHSU46VkNBTEVOREFS/)
  })
})

describe('sending', () => {
  it('tries again after the server refused, after a wait, and the mail arrives once', async () => {
    await queue('test:busy')
    const now = new Date()
    smtp.refuseNext(1)
    expect(await outbox.sendDueMails(now)).toEqual({ sent: 0, retrying: 1, failed: 0 })
    const waiting = await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:busy' } })
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(waiting.runAfter.getTime()).toBe(now.getTime() + minute)
    expect(waiting.lastError).toContain('451')
    // Not yet due: nothing happens before the wait is over.
    expect(await outbox.sendDueMails(new Date(now.getTime() + 30_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    })
    expect(await outbox.sendDueMails(new Date(now.getTime() + minute))).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    })
    const ids = smtp.received.map(messageIdOf)
    // The refused one was received whole, then answered 451: the listener does not keep it.
    expect(ids).toEqual([outbox.messageIdFor('test:busy')])
    const sent = await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:busy' } })
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null })
  })

  it('waits longer after each failure, then gives up with the reason, without the address', async () => {
    const refused = 'onbekend.postvak@example.org'
    smtp.refused.add(refused)
    await queue('test:refused', refused)
    let now = new Date()
    const waits: number[] = []
    for (let attempt = 1; attempt < outbox.MAX_MAIL_ATTEMPTS; attempt++) {
      expect(await outbox.sendDueMails(now)).toEqual({ sent: 0, retrying: 1, failed: 0 })
      const row = await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:refused' } })
      waits.push((row.runAfter.getTime() - now.getTime()) / minute)
      now = row.runAfter
    }
    expect(waits).toEqual([1, 5, 30, 120, 360])
    expect(await outbox.sendDueMails(now)).toEqual({ sent: 0, retrying: 0, failed: 1 })
    const row = await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:refused' } })
    expect(row).toMatchObject({ status: 'failed', attempts: outbox.MAX_MAIL_ATTEMPTS })
    expect(row.lastError).toContain('550')
    expect(row.lastError).not.toContain(refused)
    expect(row.lastError).not.toContain('@')
    // Given up: no later run tries it.
    expect(await outbox.sendDueMails(new Date(now.getTime() + 86_400_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    })

    // The platform administrator sees it, with the reason, and tries it again once the address works.
    const shown = await outbox.mailsNeedingAttention()
    expect(shown).toEqual([
      expect.objectContaining({ id: row.id, status: 'failed', to: refused, category: 'account' }),
    ])
    smtp.refused.delete(refused)
    expect(await outbox.retryFailedMail(row.id)).toBe(true)
    expect(await outbox.retryFailedMail(row.id)).toBe(false)
    expect(await outbox.sendDueMails()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect(smtp.received.map((m) => m.to)).toEqual([[refused]])
    expect(await outbox.mailsNeedingAttention()).toEqual([])
  })

  it('lists a mail that waits for another try for the administrator too', async () => {
    await queue('test:retrying')
    smtp.refuseNext(1)
    await outbox.sendDueMails()
    const [shown] = await outbox.mailsNeedingAttention()
    expect(shown).toMatchObject({ status: 'queued', attempts: 1 })
    expect(shown!.lastError).toContain('451')
  })

  it('sends many mails in one run, each once', async () => {
    for (let i = 0; i < 12; i++) await queue(`test:many:${i}`, `persoon${i}@example.org`)
    expect(await outbox.sendDueMails()).toEqual({ sent: 12, retrying: 0, failed: 0 })
    const ids = smtp.received.map(messageIdOf)
    expect(new Set(ids).size).toBe(12)
  })

  it('sends more than a thousand mails in one run, each once (a morning of reminders)', async () => {
    const count = 1_050
    await t.db.outboxMail.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        key: `test:morning:${i}`,
        to: `persoon${i % 40}@example.org`,
        category: 'reminder',
        message: JSON.stringify({ subject: `Herinnering ${i}`, text: 'Actiepunt te laat' }),
      })),
    })
    expect(await outbox.sendDueMails()).toEqual({ sent: count, retrying: 0, failed: 0 })
    expect(new Set(smtp.received.map(messageIdOf)).size).toBe(count)
  }, 60_000)

  // On SQLite one server sends, so a mail found `sending` at its start was cut off by its own stop. On
  // PostgreSQL another instance may be sending it right now: it is sent again once its lease ran out.
  it('sends again a mail the server was cut off from while sending (found `sending` at start)', async () => {
    await queue('test:cut-off')
    const leaseUntil = onSqlite ? Date.now() + 15 * minute : Date.now() - minute
    await t.db.outboxMail.update({
      where: { key: 'test:cut-off' },
      data: { status: 'sending', attempts: 1, runAfter: new Date(leaseUntil) },
    })
    await outbox.startMailOutbox(60_000)
    try {
      await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(1)
      await expect
        .poll(
          async () =>
            (await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:cut-off' } })).status,
        )
        .toBe('sent')
    } finally {
      await outbox.stopMailOutbox(5_000)
    }
    expect(messageIdOf(smtp.received[0]!)).toBe(outbox.messageIdFor('test:cut-off'))
  })

  it.runIf(!onSqlite)(
    'leaves alone, at its start, a mail another instance is sending under a live lease (PostgreSQL)',
    async () => {
      await queue('test:other-instance')
      await t.db.outboxMail.update({
        where: { key: 'test:other-instance' },
        data: { status: 'sending', attempts: 1, runAfter: new Date(Date.now() + 15 * minute) },
      })
      await outbox.startMailOutbox(60_000)
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        expect(smtp.received).toHaveLength(0)
        const row = await t.db.outboxMail.findUniqueOrThrow({
          where: { key: 'test:other-instance' },
        })
        expect(row).toMatchObject({ status: 'sending', attempts: 1 })
      } finally {
        await outbox.stopMailOutbox(5_000)
      }
    },
  )

  it('claims no mail once stopped', async () => {
    await outbox.startMailOutbox(60_000)
    await outbox.stopMailOutbox(5_000)
    await queue('test:after-stop')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(smtp.received).toHaveLength(0)
    const row = await t.db.outboxMail.findUniqueOrThrow({ where: { key: 'test:after-stop' } })
    expect(row.status).toBe('queued')
  })
})

describe('the administrator’s page /beheer/mails', () => {
  it('shows a failed mail with its reason to the platform administrator only, who tries it again', async () => {
    const refused = 'weg.postvak@example.org'
    smtp.refused.add(refused)
    await queue('test:admin-page', refused, 'Uitnodiging: GOS-overleg')
    await t.db.outboxMail.update({
      where: { key: 'test:admin-page' },
      data: { attempts: outbox.MAX_MAIL_ATTEMPTS - 1 },
    })
    expect(await outbox.sendDueMails()).toMatchObject({ failed: 1 })
    const page = await import('../../app/routes/admin/mails')

    for (const email of ['orgbeheer.knokke-heist@example.org', 'lid.sluis@example.org']) {
      const denied = await callLoader(page.loader, '/beheer/mails', {
        cookie: await cookieFor(email),
      })
      expect(denied.status).toBe(404)
      const post = await callAction(
        page.action,
        '/beheer/mails',
        { intent: 'retry', id: 'x' },
        { cookie: await cookieFor(email) },
      )
      expect(post.status).toBe(404)
    }

    const admin = await cookieFor('platformbeheer@example.org')
    const shown = await callLoader(page.loader, '/beheer/mails', { cookie: admin })
    expect(shown.status).toBe(200)
    const { mails } = shown.data as { mails: Record<string, unknown>[] }
    expect(mails).toEqual([
      expect.objectContaining({
        to: refused,
        subject: 'Uitnodiging: GOS-overleg',
        category: 'account',
        status: 'failed',
        attempts: outbox.MAX_MAIL_ATTEMPTS,
        nextTry: null,
        lastError: expect.stringContaining('550'),
      }),
    ])

    smtp.refused.delete(refused)
    const id = String(mails[0]!.id)
    const retried = await callAction(
      page.action,
      '/beheer/mails',
      { intent: 'retry', id },
      { cookie: admin },
    )
    expect(retried.status).toBe(302)
    expect(retried.location).toBe('/beheer/mails')
    expect(
      await t.db.auditEvent.count({ where: { action: 'admin.mail_retried', objectId: id } }),
    ).toBe(1)
    // The route-call helper sends what is due after an action, as the server's sender does.
    expect(smtp.received.map((m) => m.to)).toEqual([[refused]])
    expect((await callLoader(page.loader, '/beheer/mails', { cookie: admin })).data).toEqual({
      mails: [],
    })
    // Sent already: trying again is refused with a message, not a server error.
    const again = await callAction(
      page.action,
      '/beheer/mails',
      { intent: 'retry', id },
      { cookie: admin },
    )
    expect(again.status).toBe(400)
    expect(again.data).toEqual({ error: 'mailNotFailed' })
  })
})
