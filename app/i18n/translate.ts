import i18next, { type TFunction } from 'i18next'
import { i18nOptions, isLocale, defaultLocale } from './config'

// One shared instance with the bundled resources, initialised synchronously: for places outside React
// such as meta() and e-mail texts.
const instance = i18next.createInstance()
void instance.init({ ...i18nOptions, lng: defaultLocale, initImmediate: false })

export function translator(locale: unknown): TFunction {
  return instance.getFixedT(isLocale(locale) ? locale : defaultLocale)
}

/**
 * translator without the typed keys, for keys put together at run time ("meetings:status." + status)
 * and texts outside React (mails, calendar files, CSV headers, page titles).
 */
export function plainTranslator(
  locale: unknown,
): (key: string, vars?: Record<string, unknown>) => string {
  return translator(locale) as unknown as (key: string, vars?: Record<string, unknown>) => string
}
