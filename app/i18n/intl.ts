/*
 * Intl formatters, made once per locale and options and then kept. Each Intl.DateTimeFormat or
 * Intl.NumberFormat holds some 27 kB of ICU data outside V8's heap, where the garbage collector does
 * not count it: made per line or per value (a reminder mail, a goal on the programme page), 14,000 of
 * them grew a process by 380 MB before a collection came, whatever its heap limit. Making one also costs
 * tens of microseconds. The locales and option sets in use are few; the cache is bounded all the same,
 * since a locale may come from a request.
 */
const MAX_KEPT = 200

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

function kept<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let found = cache.get(key)
  if (!found) {
    if (cache.size >= MAX_KEPT) cache.clear()
    found = make()
    cache.set(key, found)
  }
  return found
}

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  return kept(
    dateTimeFormats,
    `${locale}\n${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  )
}

export function numberFormat(
  locale: string,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return kept(
    numberFormats,
    `${locale}\n${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(locale, options),
  )
}
