/**
 * One-click unsubscribe (RFC 8058) over HTTP: a mail program POSTs `List-Unsubscribe=One-Click` to the
 * URL of the List-Unsubscribe header, without cookies and, from a web mail, with its own Origin. The
 * signed token is the authorisation (app/modules/notifications/unsubscribe.server.ts); the exemption
 * from the same-origin check (scripts/http/routes.ts, isOneClickUnsubscribe) is that narrow.
 */
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { unsubscribeToken } from '../../app/modules/notifications/unsubscribe.server'
import { all, dataDir, one, send, userId, visibleText } from '../access/support'

const PERSON = 'lid.hulst@example.org'

function token(kind: 'goals' | 'projects' | 'decisions', networkId?: string) {
  const secret = fs.readFileSync(path.join(dataDir(), 'session-secret'), 'utf8').trim()
  return unsubscribeToken(userId(PERSON), kind, networkId, secret)
}

const deliveryOf = (kind: string, networkId = '') =>
  one<{ delivery: string }>(
    'SELECT delivery FROM NotificationPreference WHERE userId = ? AND kind = ? AND networkId = ?',
    userId(PERSON),
    kind,
    networkId,
  )?.delivery

test.describe('one-click unsubscribe (RFC 8058)', () => {
  test('a POST with List-Unsubscribe=One-Click, no cookie and no Origin turns the kind off', async () => {
    const zvl = one<{ id: string }>("SELECT id FROM Network WHERE slug = 'zeeuws-vlaanderen'")!.id
    const reply = await send(`/uitschrijven/${token('goals', zvl)}`, {
      form: { 'List-Unsubscribe': 'One-Click' },
      noOrigin: true,
    })
    expect(reply.status).toBe(200)
    expect(reply.setCookies.filter((c) => c.startsWith('zwin_session=') && !/=;/.test(c))).toEqual(
      [],
    )
    expect(visibleText(reply.body)).toContain('U krijgt geen e-mails meer over')
    expect(deliveryOf('goals', zvl)).toBe('off')
    const audit = all<{ details: string }>(
      "SELECT details FROM AuditEvent WHERE action = 'notifications.unsubscribed' AND actorUserId = ?",
      userId(PERSON),
    )
    expect(audit.map((a) => JSON.parse(a.details) as unknown)).toContainEqual({
      kind: 'goals',
      networkId: zvl,
      via: 'one-click',
    })
  })

  test("a web mail's POST from its own origin works too (the token is the authorisation)", async () => {
    const reply = await send(`/uitschrijven/${token('projects')}`, {
      form: { 'List-Unsubscribe': 'One-Click' },
      headers: { Origin: 'https://mail.example', 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(reply.status).toBe(200)
    expect(deliveryOf('projects')).toBe('off')
  })

  test('a tampered token gets a translated 404 and writes nothing, by GET and by POST', async () => {
    const good = token('decisions')
    const tampered = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A')
    for (const method of ['GET', 'POST'] as const) {
      const reply = await send(`/uitschrijven/${tampered}`, {
        method,
        ...(method === 'POST' ? { form: { 'List-Unsubscribe': 'One-Click' }, noOrigin: true } : {}),
      })
      expect(reply.status).toBe(404)
      expect(visibleText(reply.body)).toContain('Deze link werkt niet.')
    }
    expect(deliveryOf('decisions')).toBeUndefined()
  })

  test('the exemption is narrow: other cross-site POSTs are still refused', async () => {
    for (const target of ['/uitschrijven/a/b', '/profiel/meldingen', '/taal']) {
      const reply = await send(target, {
        form: { 'List-Unsubscribe': 'One-Click' },
        headers: { Origin: 'https://mail.example' },
      })
      expect(reply.status, target).toBe(403)
    }
  })
})
