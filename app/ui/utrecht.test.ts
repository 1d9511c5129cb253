import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const appDir = path.join(root, 'app')

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(file, pattern)
    return pattern.test(entry.name) ? [file] : []
  })
}

/** The style sheets a page gets: the components app/ui/utrecht.css imports, and Zwin's own. */
function pageCss(): string {
  const utrecht = fs.readFileSync(path.join(appDir, 'ui', 'utrecht.css'), 'utf8')
  const imported = [...utrecht.matchAll(/@import '([^']+)'/g)].map(([, module]) =>
    fs.readFileSync(path.join(root, 'node_modules', module!), 'utf8'),
  )
  const own = ['theme.css', 'layout.css'].map((name) =>
    fs.readFileSync(path.join(appDir, 'ui', name), 'utf8'),
  )
  return [...imported, ...own].join('\n')
}

/**
 * The `utrecht-…` class names the app's components write (not the `--utrecht-…` design tokens). A name
 * built in a template (`utrecht-heading-${level}`) is kept as its fixed start, marked by a trailing `*`.
 */
function classesInApp(): Map<string, string> {
  const classes = new Map<string, string>()
  for (const file of filesUnder(appDir, /\.tsx?$/)) {
    const code = fs.readFileSync(file, 'utf8')
    for (const [, name, dashes, template] of code.matchAll(
      /(?<![-\w])(utrecht-[a-z0-9]+(?:(?:-|--|__)[a-z0-9]+)*)(-*)(\$\{)?/g,
    )) {
      // `utrecht-heading-${level}` is a name begun; `utrecht-select${invalid ? …}` is one ended.
      const written = dashes && template ? `${name}${dashes}*` : name!
      if (!classes.has(written)) classes.set(written, path.relative(root, file))
    }
  }
  return classes
}

describe('the NL Design System styles', () => {
  // The app imports only the components it uses (app/ui/utrecht.css), so a class of a component that
  // is not imported would render unstyled without any error: every class the app writes has a rule.
  it('style every utrecht- class the app uses', () => {
    const css = pageCss()
    const classes = classesInApp()
    expect(classes.size).toBeGreaterThan(20)
    const unstyled = [...classes]
      .filter(([name]) => {
        const selector = name.endsWith('*')
          ? new RegExp(`\\.${name.slice(0, -1)}[\\w-]`)
          : new RegExp(`\\.${name}(?![\\w-])`)
        return !selector.test(css)
      })
      .map(([name, file]) => `${name} (${file})`)
    expect(unstyled).toEqual([])
  })
})
