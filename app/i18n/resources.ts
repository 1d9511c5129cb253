import type { InitOptions } from 'i18next'
import en from './bundles/en'
import nlBE from './bundles/nl-BE'
import nlNL from './bundles/nl-NL'
import { i18nOptions } from './config'

/**
 * Every text in every language, for the server (pages, mails, calendar files, exports). The browser
 * never imports this module: it loads the reader's language only, from `bundles/` (entry.client.tsx).
 */
export const resources = { 'nl-NL': nlNL, 'nl-BE': nlBE, en }

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: (typeof resources)['nl-NL']
  }
}

/** The options of every server-side i18next instance: the shared ones with every text. */
export const serverI18nOptions: InitOptions = { ...i18nOptions, resources }
