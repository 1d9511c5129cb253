/*
 * The log checks must be able to fail: the leak finder (tests/setup/log-leaks.ts) finds each kind of
 * leak, and the real logger (app/modules/observability/logger.server.ts), writing to a stream, keeps
 * the redacted fields out while the server's path rule (scripts/http/observability.ts) keeps tokens
 * out of paths.
 */
import { createHash, randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { createLogger } from '../../app/modules/observability/logger.server'
import { loggedPath } from '../../scripts/http/observability'
import { findLeaks } from '../setup/log-leaks'

const token = () => randomBytes(32).toString('base64url')
const hash = (t: string) => createHash('sha256').update(t).digest('hex')

function capture() {
  const stream = new PassThrough()
  const lines: string[] = []
  stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')))
  return { logger: createLogger('info', stream), text: () => lines.join('') }
}

describe('the leak finder', () => {
  it('finds a known secret, an e-mail address and a token whose hash is stored', () => {
    const session = token()
    const clean = '{"level":30,"msg":"request","path":"/login","status":200}\n'
    expect(
      findLeaks(clean, [{ what: 'demo password', value: DEMO_PASSWORD }], new Set([hash(session)])),
    ).toEqual([])
    expect(
      findLeaks(
        clean + `{"msg":"${DEMO_PASSWORD}"}`,
        [{ what: 'demo password', value: DEMO_PASSWORD }],
        new Set(),
      ),
    ).toHaveLength(1)
    expect(findLeaks('{"msg":"mail to lid.sluis@example.org"}', [], new Set())).toHaveLength(1)
    expect(
      findLeaks(`{"path":"/agenda/feed/${session}/zwin.ics"}`, [], new Set([hash(session)])),
    ).toHaveLength(1)
    // As the session cookie carries it: base64 of the JSON string, then a signature.
    const cookie = `${Buffer.from(JSON.stringify(session)).toString('base64')}.c2lnbmF0dXJl`
    expect(
      findLeaks(`{"cookie":"zwin_session=${cookie}"}`, [], new Set([hash(session)])),
    ).toHaveLength(1)
    // A token that is not ours (not in the database) is not a leak.
    expect(findLeaks(`{"path":"/x/${token()}"}`, [], new Set([hash(session)]))).toEqual([])
  })
})

describe('the logger', () => {
  it('redacts cookies, authorization, passwords, tokens and e-mail addresses in logged objects', () => {
    const { logger, text } = capture()
    const secret = token()
    logger.info(
      {
        req: { headers: { cookie: `zwin_session=${secret}`, authorization: `Bearer ${secret}` } },
        password: DEMO_PASSWORD,
        user: { email: 'lid.sluis@example.org', token: secret },
        headers: { cookie: secret },
      },
      'request',
    )
    const out = text()
    expect(out).toContain('[redacted]')
    expect(
      findLeaks(
        out,
        [
          { what: 'demo password', value: DEMO_PASSWORD },
          { what: 'token', value: secret },
        ],
        new Set([hash(secret)]),
      ),
    ).toEqual([])
  })

  it('keeps e-mail addresses out of a logged error, its cause and the fields a mail library adds', () => {
    const { logger, text } = capture()
    // What nodemailer throws when the SMTP server refuses a recipient, wrapped as the mail module does.
    const refused = Object.assign(
      new Error("Can't send mail - all recipients were rejected: 550 <lid.damme@example.org>"),
      {
        response: '550 5.1.1 <lid.damme@example.org>: unknown',
        rejected: ['lid.damme@example.org'],
      },
    )
    const error = new Error('Could not send the mail "Uitnodiging" through smtp.example.org', {
      cause: refused,
    })
    logger.error({ err: error }, 'Mail failed')
    const out = text()
    expect(out).toContain('all recipients were rejected')
    expect(findLeaks(out, [], new Set())).toEqual([])
  })

  it('would show a secret that is written outside the redacted fields (so the e2e check can fail)', () => {
    const { logger, text } = capture()
    logger.info({ note: DEMO_PASSWORD }, 'careless')
    expect(
      findLeaks(text(), [{ what: 'demo password', value: DEMO_PASSWORD }], new Set()),
    ).toHaveLength(1)
  })
})

describe('logged paths', () => {
  it('drop the query string and the token of set-password and feed links', () => {
    const secret = token()
    expect(loggedPath(`/login?redirectTo=%2Fprofiel&email=a%40b.nl`, undefined)).toBe('/login')
    expect(loggedPath(`/wachtwoord-instellen/${secret}`, undefined)).toBe(
      '/wachtwoord-instellen/[redacted]',
    )
    expect(loggedPath(`/AGENDA/feed/${secret}/zwin.ics`, undefined)).toBe(
      '/AGENDA/feed/[redacted]/zwin.ics',
    )
    expect(loggedPath(`/x/../agenda/feed/${secret}/zwin.ics`, undefined)).not.toContain(secret)
    // A spelling the regular expression does not know still matches the route: its pattern is logged.
    const route = { id: 'routes/calendar/feed', path: 'agenda/feed/:token/zwin.ics' }
    const requested = { route: route as never, asData: false }
    expect(loggedPath(`/agenda%2Dx/${secret}`, requested)).toBe('/agenda/feed/:token/zwin.ics')
  })
})
