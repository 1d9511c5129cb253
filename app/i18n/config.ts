import type { InitOptions } from 'i18next'
import { resources } from './resources'

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

/** Shared by server and browser: resources are bundled, nothing is read from disk at run time. */
export const i18nOptions: InitOptions = {
  supportedLngs: [...locales],
  // nl-BE holds only what differs from nl-NL; everything else falls back to the Netherlands text.
  fallbackLng: { 'nl-BE': ['nl-NL'], en: ['nl-NL'], default: ['nl-NL'] },
  defaultNS: 'common',
  ns: [...namespaces],
  resources,
  interpolation: { escapeValue: false },
  returnNull: false,
}
