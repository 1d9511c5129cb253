/*
 * Standing items ("Opening", "Rondvraag", "Sluiting"…) are shared text: the agenda is read by partners in
 * Dutch, Flemish and English, so a standing item whose title is still the standard one (in any language)
 * is shown in the reader's language — "Varia" for the Flemish partners of a meeting prepared in Sluis.
 * A title the preparer changed is theirs, and is shown as they wrote it.
 */
import { locales } from '../../i18n/config'
import { plainTranslator } from '../../i18n/translate'
import { standingItems } from './types'

const standingKey = (standing: string) => `meetings:standing.${standing}`

const standardTitles = new Map(
  standingItems.map((s) => [
    s.standing as string,
    new Set(locales.map((locale) => plainTranslator(locale)(standingKey(s.standing)))),
  ]),
)

export function agendaItemTitle(
  item: { title: string; standing: string | null },
  locale: string,
): string {
  if (!item.standing || !standardTitles.get(item.standing)?.has(item.title)) return item.title
  return plainTranslator(locale)(standingKey(item.standing))
}
