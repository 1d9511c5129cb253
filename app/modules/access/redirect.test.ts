import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from './redirect'

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
    expect(safeRedirectPath(to, '/')).toBe('/')
  })

  it('keeps a path on the site, with its query', () => {
    expect(safeRedirectPath('/netwerken/gos?tab=leden')).toBe('/netwerken/gos?tab=leden')
  })
})
