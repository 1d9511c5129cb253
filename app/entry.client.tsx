import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions, isLocale, type Locale } from './i18n/config'

/**
 * The texts of one language, one module each: a first visit downloads the reader's language (and
 * nl-NL, which nl-BE and English fall back on) instead of all three (issue 15, client weight).
 */
const bundles: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  'nl-NL': () => import('./i18n/bundles/nl-NL'),
  'nl-BE': () => import('./i18n/bundles/nl-BE'),
  en: () => import('./i18n/bundles/en'),
}

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(
      resourcesToBackend(async (language: string, namespace: string) => {
        if (!isLocale(language)) return {}
        return (await bundles[language]()).default[namespace]
      }),
    )
    .init({ ...i18nOptions, lng: document.documentElement.lang })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
