import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { namespaces } from './config'
import { resources } from './resources'
import { plainTranslator } from './translate'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(full, value)
    else for (const [k, v] of flatten(value, full)) out.set(k, v)
  }
  return out
}

const keysOf = (locale: keyof typeof resources, ns: (typeof namespaces)[number]) =>
  flatten(resources[locale][ns] as Tree)

// Netherlands terms that a Flemish reader should not meet (terminology.md), as whole words.
const netherlandsOnly = [
  'inloggen',
  'uitloggen',
  'ingelogd',
  'uitgelogd',
  'log in',
  'log uit',
  'wethouder',
  'wethouders',
  'college van B&W',
  'raadslid',
  'griffier',
  'gemeentesecretaris',
  'portefeuille',
  'raadsvoorstel',
  'gemeenschappelijke regeling',
  'Gedeputeerde Staten',
  'ambtenaar',
  'afdeling',
  'balie',
  'openingstijden',
  'mobiel',
  'KvK-nummer',
  'Woo-verzoek',
  'werkzaamheden',
  'apparaten',
  'begroting',
]
// And Flemish terms that read oddly in the Netherlands ("aanmelden" means signing up there).
const flemishOnly = [
  'aanmelden',
  'afmelden',
  'aangemeld',
  'afgemeld',
  'schepen',
  'gsm',
  'personeelslid',
  'toestellen',
]

const wordPattern = (term: string) =>
  new RegExp(`(^|[^\\p{L}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu')

describe('translations', () => {
  for (const ns of namespaces) {
    it(`${ns}: nl-NL and en hold the same keys`, () => {
      const nl = [...keysOf('nl-NL', ns).keys()].sort()
      const en = [...keysOf('en', ns).keys()].sort()
      expect(
        en.filter((k) => !nl.includes(k)),
        'keys in en but missing in nl-NL',
      ).toEqual([])
      expect(
        nl.filter((k) => !en.includes(k)),
        'keys in nl-NL but missing in en',
      ).toEqual([])
    })

    it(`${ns}: nl-BE holds only keys that nl-NL has`, () => {
      const nl = keysOf('nl-NL', ns)
      const extra = [...keysOf('nl-BE', ns).keys()].filter((k) => !nl.has(k))
      expect(extra).toEqual([])
    })

    it(`${ns}: no text is empty`, () => {
      for (const locale of ['nl-NL', 'nl-BE', 'en'] as const) {
        const empty = [...keysOf(locale, ns)]
          .filter(([, v]) => v.trim() === '')
          .map(([k]) => `${locale}:${k}`)
        expect(empty).toEqual([])
      }
    })
  }

  it('the resolved Flemish texts use no Netherlands-only term', () => {
    const t = plainTranslator('nl-BE')
    const offending: string[] = []
    for (const ns of namespaces) {
      for (const key of keysOf('nl-NL', ns).keys()) {
        const text = t(`${ns}:${key}`)
        for (const term of netherlandsOnly)
          if (wordPattern(term).test(text)) offending.push(`${ns}:${key} uses "${term}": ${text}`)
      }
    }
    expect(offending).toEqual([])
  })

  it('the Netherlands texts use no Flemish-only term', () => {
    const offending: string[] = []
    for (const ns of namespaces) {
      for (const [key, text] of keysOf('nl-NL', ns)) {
        for (const term of flemishOnly)
          if (wordPattern(term).test(text)) offending.push(`${ns}:${key} uses "${term}"`)
      }
    }
    expect(offending).toEqual([])
  })

  it('nl-BE really differs where terminology.md says so', () => {
    const nl = plainTranslator('nl-NL')
    const be = plainTranslator('nl-BE')
    expect(nl('auth:login.title')).toBe('Inloggen')
    expect(be('auth:login.title')).toBe('Aanmelden')
    expect(be('shell.logout')).toBe('Afmelden')
    // and falls back to nl-NL for what is the same
    expect(be('dashboard.title')).toBe(nl('dashboard.title'))
  })

  it('every literal key used in the code exists in nl-NL', () => {
    const known = new Set<string>()
    for (const ns of namespaces) {
      for (const key of keysOf('nl-NL', ns).keys()) {
        const base = key.replace(/_(one|other|zero)$/, '')
        known.add(`${ns}:${base}`)
      }
    }
    const missing: string[] = []
    for (const file of sourceFiles(path.resolve(import.meta.dirname, '..'))) {
      const source = fs.readFileSync(file, 'utf8')
      for (const match of source.matchAll(/\bt[a-z]?\(\s*'([a-zA-Z:.]+)'/g)) {
        const key = match[1]!
        const candidates = key.includes(':') ? [key] : namespaces.map((ns) => `${ns}:${key}`)
        if (!candidates.some((c) => known.has(c)))
          missing.push(`${path.relative(process.cwd(), file)}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'generated') yield* sourceFiles(full)
    else if (/\.(tsx?)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) yield full
  }
}
