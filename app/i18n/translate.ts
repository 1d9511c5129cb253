import type { TFunction } from 'i18next'
import { textsInstance } from '#i18n/instance'
import { isLocale, defaultLocale } from './config'

// For places outside React such as meta() and e-mail texts: on the server an instance with every
// language, in the browser the page's own (see the two `instance` modules).
export function translator(locale: unknown): TFunction {
  return textsInstance.getFixedT(isLocale(locale) ? locale : defaultLocale)
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
