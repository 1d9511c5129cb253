import { createCookie } from '@remix-run/node'
import { LanguageDetector, RemixI18Next } from 'remix-i18next/server'
import { defaultLocale, isLocale, type namespaces, type Locale } from './config'
import { serverI18nOptions } from './resources'

export const localeCookie = createCookie('zwin_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

export const remixI18n = new RemixI18Next({
  detection: { supportedLanguages: ['nl-NL', 'nl-BE', 'en'], fallbackLanguage: defaultLocale },
  i18next: serverI18nOptions,
})

export type LocaleHints = {
  /** The user's saved preference. */
  saved?: string | null
  /** The default locale of the user's organisation (follows its country). */
  organisation?: string | null
}

/**
 * Order of choice: the saved preference, the cookie, Accept-Language, the organisation's country.
 * A bare "nl" in Accept-Language says Dutch but not which country; the organisation decides that.
 */
export async function resolveLocale(request: Request, hints: LocaleHints = {}): Promise<Locale> {
  if (isLocale(hints.saved)) return hints.saved
  const fromCookie: unknown = await localeCookie.parse(request.headers.get('Cookie'))
  if (isLocale(fromCookie)) return fromCookie
  const organisation: Locale = isLocale(hints.organisation) ? hints.organisation : defaultLocale
  const detected = await headerDetector(organisation).detect(request)
  return isLocale(detected) ? detected : organisation
}

/** The locale for a signed-in (or signed-out) person: their saved choice, else as resolveLocale finds it. */
export function userLocale(
  request: Request,
  user: { locale: string | null; organisation: { defaultLocale: string } } | null,
): Promise<Locale> {
  return resolveLocale(request, {
    saved: user?.locale,
    organisation: user?.organisation.defaultLocale,
  })
}

// remix-i18next matches Accept-Language against the supported list in order; putting the organisation's
// own Dutch first makes a bare "nl" resolve to it, and it is also the answer when nothing matches.
const detectors = new Map<Locale, LanguageDetector>()
function headerDetector(organisation: Locale): LanguageDetector {
  let detector = detectors.get(organisation)
  if (!detector) {
    const dutch: Locale[] = organisation === 'nl-BE' ? ['nl-BE', 'nl-NL'] : ['nl-NL', 'nl-BE']
    detector = new LanguageDetector({
      supportedLanguages: [...dutch, 'en'],
      fallbackLanguage: organisation,
      order: ['header'],
    })
    detectors.set(organisation, detector)
  }
  return detector
}

export function getFixedT(locale: Locale, ns: (typeof namespaces)[number] = 'common') {
  return remixI18n.getFixedT(locale, ns)
}
