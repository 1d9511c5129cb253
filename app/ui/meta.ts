import type { MetaDescriptor } from '@remix-run/node'
import { plainTranslator } from '~/i18n/translate'

type Match = { id: string; data: unknown }

function localeOf(matches: Match[]): unknown {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined
  return root?.locale
}

/** `<title>` in the reader's language: "Page · Zwin". `key` may carry a namespace ("auth:login.title"). */
export function pageTitle(
  matches: Match[],
  key: string,
  vars?: Record<string, string>,
): MetaDescriptor[] {
  // Keys arrive as plain strings from many routes; the typed overloads of t() cannot follow them.
  const t = plainTranslator(localeOf(matches))
  return [{ title: `${t(key, vars)} · Zwin` }]
}

export function namedTitle(name: string | undefined): MetaDescriptor[] {
  return [{ title: name ? `${name} · Zwin` : 'Zwin' }]
}

/** "Name · Page · Zwin", e.g. "Kustbus · Begroting · Zwin". */
export function namedPageTitle(matches: Match[], name: string, key: string): MetaDescriptor[] {
  const t = plainTranslator(localeOf(matches))
  return [{ title: `${name} · ${t(key)} · Zwin` }]
}
