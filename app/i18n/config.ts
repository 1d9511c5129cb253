import type { InitOptions } from 'i18next'

export const locales = ['nl-NL', 'nl-BE', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'nl-NL'
export const namespaces = [
  'common',
  'auth',
  'admin',
  'projects',
  'goals',
  'documents',
  'meetings',
  'minutes',
  'calendar',
  'agendaPack',
  'activity',
  'notifications',
  'standing',
] as const

/**
 * The locale dates are formatted in. English is written the British way ("Thursday, 2 April 2026"): day
 * before month, as the Dutch and Flemish partners read dates, the same on a page (whose language is
 * plain "en", which Intl reads as American) as in a mail or an agenda pack.
 */
export function dateLocale(locale: string): string {
  return locale === 'en' ? 'en-GB' : locale
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

/**
 * Shared by server and browser. The texts are not here: the server adds every language
 * (`resources.ts`), the browser loads the reader's own (entry.client.tsx).
 */
export const i18nOptions: InitOptions = {
  supportedLngs: [...locales],
  // nl-BE holds only what differs from nl-NL; everything else falls back to the Netherlands text.
  // English holds every key nl-NL holds (app/i18n/locales.test.ts), so it needs no fallback, and an
  // English reader's browser downloads the English texts alone.
  fallbackLng: { 'nl-BE': ['nl-NL'], en: [], default: ['nl-NL'] },
  defaultNS: 'common',
  ns: [...namespaces],
  interpolation: { escapeValue: false },
  returnNull: false,
}
