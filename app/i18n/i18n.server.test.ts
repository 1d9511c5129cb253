import { describe, expect, it } from 'vitest'
import { localeCookie, resolveLocale } from './i18n.server'

async function request(headers: Record<string, string> = {}) {
  return new Request('http://localhost/', { headers })
}

describe('resolveLocale: saved preference, then cookie, then Accept-Language, then organisation', () => {
  it('a saved preference wins over everything else', async () => {
    const cookie = await localeCookie.serialize('en')
    const req = await request({ Cookie: cookie, 'Accept-Language': 'nl-NL' })
    expect(await resolveLocale(req, { saved: 'nl-BE', organisation: 'nl-NL' })).toBe('nl-BE')
  })

  it('then the cookie', async () => {
    const req = await request({
      Cookie: await localeCookie.serialize('en'),
      'Accept-Language': 'nl-BE',
    })
    expect(await resolveLocale(req, { saved: null, organisation: 'nl-NL' })).toBe('en')
  })

  it('then Accept-Language with its region', async () => {
    expect(
      await resolveLocale(await request({ 'Accept-Language': 'nl-BE,nl;q=0.9' }), {
        organisation: 'nl-NL',
      }),
    ).toBe('nl-BE')
    expect(
      await resolveLocale(await request({ 'Accept-Language': 'en-GB,en;q=0.8' }), {
        organisation: 'nl-BE',
      }),
    ).toBe('en')
  })

  it('a bare "nl" follows the organisation’s country', async () => {
    const req = await request({ 'Accept-Language': 'nl' })
    expect(await resolveLocale(req, { organisation: 'nl-BE' })).toBe('nl-BE')
    expect(await resolveLocale(req, { organisation: 'nl-NL' })).toBe('nl-NL')
  })

  it('without any hint: the organisation, else nl-NL', async () => {
    expect(await resolveLocale(await request(), { organisation: 'nl-BE' })).toBe('nl-BE')
    expect(
      await resolveLocale(await request({ 'Accept-Language': 'fr-BE' }), { organisation: 'nl-BE' }),
    ).toBe('nl-BE')
    expect(await resolveLocale(await request())).toBe('nl-NL')
  })

  it('ignores values that are not a supported locale', async () => {
    const req = await request({ Cookie: await localeCookie.serialize('de-DE') })
    expect(await resolveLocale(req, { saved: 'xx', organisation: 'nl-BE' })).toBe('nl-BE')
  })
})
