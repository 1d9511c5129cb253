import type { i18n as I18n } from 'i18next'

type LanguageUtils = { toResolveHierarchy: (code: unknown, fallback?: unknown) => string[] }

/**
 * i18next works out a language's chain of codes to look in (nl-BE, then nl-NL) anew at every `t()`,
 * normalising each code on the way; a page makes a few hundred calls, and the dashboard's CPU profile put
 * about 2 % of its server time in that normalising alone (issue 15). The chain depends only on the code
 * and the instance's fallback setting, which a shared server instance never changes, so it is kept per
 * code (a copy is handed out: i18next may keep the array). Calls with a fallback of their own pass through.
 */
export function keepLanguageHierarchies(i18n: I18n): void {
  const utils = i18n.services.languageUtils as LanguageUtils
  const resolve = utils.toResolveHierarchy.bind(utils)
  const kept = new Map<string, string[]>()
  utils.toResolveHierarchy = (code, fallback) => {
    if (typeof code !== 'string' || fallback !== undefined) return resolve(code, fallback)
    let chain = kept.get(code)
    if (!chain) {
      chain = resolve(code)
      // Codes come from the few supported locales; anything else is worked out each time.
      if (kept.size < 20) kept.set(code, chain)
    }
    return [...chain]
  }
}
