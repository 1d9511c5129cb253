/*
 * Standing items ("Opening", "Rondvraag", "Sluiting"…) are shared text: the agenda is read by partners in
 * Dutch, Flemish and English, so a standing item whose title is still the standard one (in any language)
 * is shown in the reader's language — "Varia" for the Flemish partners of a meeting prepared in Sluis.
 * A title the preparer changed is theirs, and is shown as they wrote it.
 */
// The standing titles of every language, a namespace of their own so that these few lines are all the
// browser needs to recognise a standard title in any language; the rest of the texts it loads in the
// reader's language alone (entry.client.tsx).
import en from '../../../locales/en/standing.json'
import nlBE from '../../../locales/nl-BE/standing.json'
import nlNL from '../../../locales/nl-NL/standing.json'
import { plainTranslator } from '../../i18n/translate'
import { standingItems, type StandingItem } from './types'

const standingKey = (standing: string) => `standing:${standing}`

const titlesIn: Partial<Record<StandingItem, string>>[] = [nlNL, nlBE, en]
const standardTitles = new Map(
  standingItems.map((s) => [
    s.standing as string,
    // nl-BE writes only the titles it words differently; the others are the nl-NL ones.
    new Set(titlesIn.map((titles) => titles[s.standing] ?? nlNL[s.standing])),
  ]),
)

export function agendaItemTitle(
  item: { title: string; standing: string | null },
  locale: string,
): string {
  if (!item.standing || !standardTitles.get(item.standing)?.has(item.title)) return item.title
  return plainTranslator(locale)(standingKey(item.standing))
}
