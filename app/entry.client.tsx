import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions, isLocale, namespaces, type Locale } from './i18n/config'

/**
 * The texts of one language, one module each: a first visit downloads the reader's language (and
 * nl-NL, which nl-BE falls back on) instead of all three (issue 15, client weight).
 */
const bundles: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  'nl-NL': () => import('./i18n/bundles/nl-NL'),
  'nl-BE': () => import('./i18n/bundles/nl-BE'),
  en: () => import('./i18n/bundles/en'),
}

/**
 * Remix (single fetch) decodes the page's data from a stream the page's inline scripts fill, and
 * RemixBrowser suspends until that is done. A key press or click in that moment makes React hydrate at
 * once, find the whole root suspended and throw "Root did not complete" (React error #345;
 * remix-run/react-router#12763). So the decoding is started and waited for before React takes over:
 * RemixBrowser, called outside React, throws the promise of it.
 */
async function remixDataDecoded() {
  try {
    RemixBrowser({})
  } catch (thrown) {
    // Anything else (a Remix that no longer suspends here) leaves nothing to wait for.
    if (thrown instanceof Promise) await thrown
  }
}

async function hydrate() {
  const decoded = remixDataDecoded()
  await i18next
    .use(initReactI18next)
    .use(
      resourcesToBackend(async (language: string, namespace: string) => {
        if (!isLocale(language)) return {}
        return (await bundles[language]()).default[namespace]
      }),
    )
    .init({
      ...i18nOptions,
      lng: document.documentElement.lang,
      // Zwin has no Suspense boundary: a text still on its way (another language the reader just
      // chose) must not suspend the whole page. The texts are all loaded before React takes over, and
      // a new language's before i18next switches to it, so a component renders the texts it has.
      react: { useSuspense: false },
    })
  // The texts did not arrive: the reader left the page meanwhile (which cancels the download), or the
  // network failed. React would find its texts missing and stop; the page stays as the server sent it,
  // which works without JavaScript.
  const arrived = i18next.languages.every((language) =>
    namespaces.every((namespace) => i18next.hasResourceBundle(language, namespace)),
  )
  await decoded
  if (!arrived) return
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
