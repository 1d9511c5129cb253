import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from './redirect'

const ORIGIN = 'https://zwin.example.org'

/**
 * What a browser does with a Location header on a page of ORIGIN (WHATWG URL: tabs and newlines dropped,
 * backslashes read as slashes in http(s) URLs), and whether the result is a path on that same origin.
 */
function staysOnOrigin(location: string, origin = ORIGIN): string | null {
  const resolved = new URL(location, origin)
  if (resolved.origin !== origin) return `leaves the origin for ${resolved.origin}`
  const asBrowserReadsIt = location.replace(/[\t\n\r]/g, '')
  if (!asBrowserReadsIt.startsWith('/')) return 'is not a path'
  if (/^\/[/\\]/.test(asBrowserReadsIt)) return 'starts like a scheme-relative address'
  // A proxy or a second decoding step must not turn it into one either (also for lookalikes: "／", "＼").
  let decoded: string
  try {
    decoded = decodeURIComponent(asBrowserReadsIt)
  } catch {
    return null
  }
  // eslint-disable-next-line no-control-regex
  const plain = decoded.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, '')
  if (/^\/[/\\]/.test(plain)) return `decodes to ${JSON.stringify(plain)}`
  return null
}

describe('safeRedirectPath', () => {
  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/%09/evil.example',
    '/%5Cevil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    '',
  ])('keeps %j on our own origin', (to) => {
    expect(safeRedirectPath(to, '/', ORIGIN)).toBe('/')
  })

  // Found in an attacker's review: the URL parser's normalised pathname began with "//".
  it.each([
    '/.//evil.example',
    '/..//evil.example',
    '/%2e%2e//evil.example',
    '/x/../\\evil.example',
    '/x/..//evil.example',
    '/./\\evil.example',
    '/%2E//evil.example',
    '/x/%2e%2e/%2e%2e//evil.example',
  ])('does not hand back a scheme-relative address for %j', (to) => {
    const result = safeRedirectPath(to, '/', ORIGIN)
    expect(staysOnOrigin(result), `${JSON.stringify(to)} → ${JSON.stringify(result)}`).toBeNull()
    expect(result).not.toMatch(/evil\.example/i)
  })

  it('keeps a path on the site, with its query', () => {
    expect(safeRedirectPath('/netwerken/gos?tab=leden', '/', ORIGIN)).toBe(
      '/netwerken/gos?tab=leden',
    )
  })

  const fragments = [
    '/',
    '//',
    '\\',
    '.',
    '..',
    '%2e',
    '%2E',
    '%2e%2e',
    '%2f',
    '%2F',
    '%5c',
    '%5C',
    '%09',
    '%0a',
    '%0d',
    '%00',
    '%25',
    '\t',
    '\n',
    '\r',
    ' ',
    '\u0000',
    '\u000b',
    '／',
    '＼',
    '%EF%BC%8F',
    '%EF%BC%BC',
    '\u2215',
    '\u2044',
    'evil.example',
    '@evil.example',
    ':',
    'javascript:',
    'JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'https:',
    'http:',
    'file:',
    'mailto:',
    '?',
    '#',
    '&',
    '=',
    'x',
    'netwerken',
  ]
  const payload = fc
    .array(fc.constantFrom(...fragments), { minLength: 0, maxLength: 10 })
    .map((parts) => parts.join(''))
  const hostile = fc.oneof(
    payload,
    payload.map((p) => `/${p}`),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/${s}`),
  )

  it('whatever it is given, the answer resolves to a path on our own origin', () => {
    for (const origin of [ORIGIN, 'http://localhost:3000']) {
      fc.assert(
        fc.property(hostile, (to) => {
          const result = safeRedirectPath(to, '/', origin)
          const problem = staysOnOrigin(result, origin)
          if (problem)
            throw new Error(`${JSON.stringify(to)} → ${JSON.stringify(result)} ${problem}`)
        }),
        { numRuns: 5_000 },
      )
    }
  })

  const segment = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)
  const ordinaryPath = fc
    .tuple(
      fc.array(segment, { minLength: 1, maxLength: 5 }),
      fc.array(fc.tuple(segment, fc.string({ maxLength: 12 })), { maxLength: 3 }),
    )
    .map(([segments, query]) => {
      const search = new URLSearchParams(query).toString()
      return `/${segments.join('/')}${search ? `?${search}` : ''}`
    })

  it('an ordinary path with a query comes back unchanged', () => {
    fc.assert(
      fc.property(ordinaryPath, (path) => {
        expect(safeRedirectPath(path, '/', ORIGIN)).toBe(path)
      }),
      { numRuns: 1_000 },
    )
  })
})
