/**
 * docs/security.md items 13 and 15, and the health check: cross-site mutations are refused before
 * anything is written, and every HTML answer carries the security headers with a fresh CSP nonce.
 */
import http from 'node:http'
import { expect, test } from '@playwright/test'
import {
  all,
  baseURL,
  clientIp,
  createTestAccount,
  one,
  personaEmails,
  send,
  sessionCookieFrom,
  signIn,
  unique,
  type Reply,
  type Session,
} from '../access/support'

let orgAdmin: Session
test.beforeAll(async () => {
  orgAdmin = await signIn(personaEmails.orgAdmin)
})

test.describe('cross-site requests (item 13)', () => {
  test('a POST with a foreign Origin gets 403 and writes nothing', async () => {
    const account = await createTestAccount(orgAdmin, 'cross-site')
    const session = await signIn(account.email, { password: account.password })
    const newName = `Overgenomen ${unique()}`
    const reply = await send('/profiel', {
      session,
      form: { intent: 'profile', name: newName, locale: 'en' },
      headers: { Origin: 'https://evil.example' },
    })
    expect(reply.status).toBe(403)
    const row = one<{ name: string; locale: string | null }>(
      'SELECT name, locale FROM User WHERE id = ?',
      account.id,
    )
    expect(row).toEqual({ name: account.name, locale: null })
    expect(
      all(
        "SELECT id FROM AuditEvent WHERE objectId = ? AND action = 'profile.updated'",
        account.id,
      ),
    ).toEqual([])
  })

  test('a cross-site sign-in (login CSRF) gets 403: no session, no audit event', async () => {
    const account = await createTestAccount(orgAdmin, 'login-csrf')
    const ip = clientIp()
    const reply = await send('/login', {
      form: { email: account.email, password: account.password, redirectTo: '/' },
      headers: { Origin: 'https://evil.example', 'X-Forwarded-For': ip },
    })
    expect(reply.status).toBe(403)
    expect(sessionCookieFrom(reply.setCookies)).toBeNull()
    expect(all('SELECT id FROM Session WHERE userId = ?', account.id)).toEqual([])
    expect(all('SELECT id FROM AuditEvent WHERE ip = ? OR subject = ?', ip, account.email)).toEqual(
      [],
    )
  })

  test('a cross-site sign-out is refused: the session survives', async () => {
    const session = await signIn(personaEmails.member)
    const reply = await send('/logout', {
      method: 'POST',
      session,
      headers: { Origin: 'https://evil.example' },
    })
    expect(reply.status).toBe(403)
    expect((await send('/profiel', { session })).status).toBe(200)
  })

  for (const [label, headers] of [
    ['Sec-Fetch-Site: cross-site, no Origin', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site, no Origin', { 'Sec-Fetch-Site': 'same-site' }],
    ['Origin: null (sandboxed frame, data: URL)', { Origin: 'null' }],
    ['an Origin that only shares the host name', { Origin: 'http://localhost:1' }],
    ['an Origin on https instead of http', { Origin: baseURL().replace(/^http:/, 'https:') }],
  ] as const) {
    test(`a POST with ${label} gets 403`, async () => {
      const session = await signIn(personaEmails.member)
      const reply = await send('/taal', {
        session,
        form: { locale: 'en', redirectTo: '/' },
        headers,
        noOrigin: true,
      })
      expect(reply.status).toBe(403)
      expect(reply.setCookies.some((c) => c.startsWith('zwin_lang='))).toBe(false)
    })
  }

  test('the Origin is compared with the configured public origin, not with the Host header', async () => {
    // fetch cannot set Host; node:http can.
    const target = new URL('/taal', baseURL())
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        target,
        {
          method: 'POST',
          headers: {
            Host: 'evil.example',
            Origin: 'http://evil.example',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
        },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      request.on('error', reject)
      request.end('locale=en&redirectTo=%2F')
    })
    expect(status).toBe(403)
  })

  test('a same-origin POST is accepted (the check does not block the product itself)', async () => {
    const reply = await send('/taal', { form: { locale: 'nl-NL', redirectTo: '/' } })
    expect(reply.status).toBe(302)
  })
})

test.describe('security headers on HTML (item 15)', () => {
  function csp(reply: Reply): Map<string, string> {
    const header = reply.headers.get('content-security-policy') ?? ''
    return new Map(
      header
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name = '', ...rest] = d.split(/\s+/)
          return [name.toLowerCase(), rest.join(' ')] as const
        }),
    )
  }

  function nonceOf(reply: Reply): string {
    const nonce = /'nonce-([^']+)'/.exec(csp(reply).get('script-src') ?? '')?.[1]
    expect(nonce, 'a nonce in script-src').toBeTruthy()
    return nonce!
  }

  test('the CSP is enforced, with frame-ancestors, object-src and base-uri none, and a nonce for scripts', async () => {
    const member = await signIn(personaEmails.member)
    for (const [url, session] of [
      ['/login', null],
      ['/', member],
      ['/netwerken/gos', member],
      ['/bestaat-niet', member],
    ] as const) {
      const reply = await send(url, { session })
      expect(reply.headers.get('content-type'), url).toContain('text/html')
      expect(reply.headers.get('content-security-policy-report-only'), url).toBeNull()
      const policy = csp(reply)
      expect(policy.get('frame-ancestors'), url).toBe("'none'")
      expect(policy.get('object-src'), url).toBe("'none'")
      expect(policy.get('base-uri'), url).toBe("'none'")
      expect(policy.get('default-src'), url).toBeTruthy()
      const scriptSrc = policy.get('script-src') ?? ''
      expect(scriptSrc, url).not.toContain("'unsafe-inline'")
      expect(scriptSrc, url).not.toContain("'unsafe-eval'")
      expect(reply.headers.get('x-content-type-options'), url).toBe('nosniff')
      expect(reply.headers.get('referrer-policy'), url).toMatch(
        /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
      )
      // Every script tag in the page carries this response's nonce, so the enforced policy lets it run.
      const nonce = nonceOf(reply)
      const scripts = [...reply.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
      expect(scripts.length, url).toBeGreaterThan(0)
      for (const tag of scripts) {
        const src = /\bsrc="([^"]+)"/.exec(tag)?.[1]
        if (src && !src.startsWith('http')) continue // same-origin files are allowed by 'self'
        expect(tag, `${url}: inline script without this response's nonce`).toContain(
          `nonce="${nonce}"`,
        )
      }
    }
  })

  test('the nonce is new for every response', async () => {
    const nonces = new Set<string>()
    for (let i = 0; i < 5; i++) nonces.add(nonceOf(await send('/login')))
    expect(nonces.size).toBe(5)
    for (const nonce of nonces)
      expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16)
  })
})

test('/healthz answers 200 with JSON, not cached', async () => {
  const reply = await send('/healthz')
  expect(reply.status).toBe(200)
  expect(reply.headers.get('content-type')).toContain('application/json')
  expect(reply.headers.get('cache-control')).toContain('no-store')
  expect(JSON.parse(reply.body)).toEqual({ status: 'ok' })
})
