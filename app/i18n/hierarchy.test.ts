import { createInstance } from 'i18next'
import { describe, expect, test } from 'vitest'
import { serverI18nOptions } from './resources'
import { keepLanguageHierarchies } from './hierarchy'

async function instance(lng: string) {
  const i18n = createInstance()
  await i18n.init({ ...serverI18nOptions, lng })
  return i18n
}

type Utils = { formatLanguageCode: (code: string) => string }

describe('keeping the language chain of a shared i18next instance', () => {
  test('texts resolve as before: nl-BE falls back to nl-NL, en to nl-NL', async () => {
    for (const lng of ['nl-NL', 'nl-BE', 'en']) {
      const plain = await instance(lng)
      const kept = await instance(lng)
      keepLanguageHierarchies(kept)
      // One text the Flemish wording overrides, one only the Netherlands file holds.
      for (const key of ['shell.logout', 'shell.skipLink', 'dashboard.title'] as const) {
        expect(kept.t(key), `${lng} ${key}`).toBe(plain.t(key))
        expect(kept.t(key, { lng: 'nl-BE' }), `${lng} ${key} in nl-BE`).toBe(
          plain.t(key, { lng: 'nl-BE' }),
        )
      }
      expect(kept.t('shell.logout', { lng: 'nl-BE' })).not.toBe(
        kept.t('shell.logout', { lng: 'nl-NL' }),
      )
      expect(kept.t('dashboard.members', { count: 3 })).toBe(
        plain.t('dashboard.members', { count: 3 }),
      )
    }
  })

  test('the chain is worked out once per language, not at every call', async () => {
    const i18n = await instance('nl-BE')
    keepLanguageHierarchies(i18n)
    i18n.t('dashboard.title')
    const utils = i18n.services.languageUtils as Utils
    const format = utils.formatLanguageCode.bind(utils)
    let calls = 0
    utils.formatLanguageCode = (code) => {
      calls++
      return format(code)
    }
    for (let n = 0; n < 50; n++) i18n.t('dashboard.title')
    expect(calls).toBe(0)
  })
})
