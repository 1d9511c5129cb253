import i18next from 'i18next'
import { defaultLocale } from './config'
import { serverI18nOptions } from './resources'

/**
 * The instance `translate.ts` reads, on the server: every text in every language, initialised at once.
 * The browser gets `instance.browser.ts` instead (the `#i18n/instance` import in package.json).
 */
export const textsInstance = i18next.createInstance()
void textsInstance.init({ ...serverI18nOptions, lng: defaultLocale, initImmediate: false })
