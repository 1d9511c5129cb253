import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LineChart, type LineChartProps } from './line-chart'

const euro = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
})
const longDate = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeZone: 'Europe/Amsterdam',
})

const props: LineChartProps = {
  title: 'EUR bespaard per jaar',
  description: 'Gemeten: € 90.000 op 1 juli 2026. Doel: € 250.000 op 31 december 2027.',
  series: [
    { date: '2026-07-01T00:00:00.000Z', value: 90_000 },
    { date: '2026-04-01T00:00:00.000Z', value: 40_000 },
    { date: '2026-10-01T00:00:00.000Z', value: 130_000 },
  ],
  target: {
    start: { date: '2026-01-01T00:00:00.000Z', value: 0 },
    end: { date: '2027-12-31T00:00:00.000Z', value: 250_000 },
  },
  formatValue: (n) => euro.format(n),
  formatDate: (iso) => longDate.format(new Date(iso)),
  labels: { measured: 'Gemeten', target: 'Doellijn' },
}

const render = (overrides: Partial<LineChartProps> = {}) =>
  renderToStaticMarkup(createElement(LineChart, { ...props, ...overrides }))

const count = (html: string, text: string) => html.split(text).length - 1

describe('LineChart', () => {
  it('is an image named by its own title and description', () => {
    const html = render()
    expect(html.startsWith('<svg')).toBe(true)
    expect(html).toContain('role="img"')
    expect(html).toMatch(/viewBox="0 0 \d+ \d+"/)
    const labelledBy = html.match(/aria-labelledby="([^"]+)"/)?.[1]?.split(' ')
    expect(labelledBy).toHaveLength(2)
    const [titleId, descId] = labelledBy!
    expect(html).toContain(`<title id="${titleId}">EUR bespaard per jaar</title>`)
    expect(html).toContain(`<desc id="${descId}">${props.description}</desc>`)
  })

  it('draws a dot per measurement, the measured line solid and the target line dashed', () => {
    const html = render()
    expect(count(html, 'class="zwin-line-chart__point"')).toBe(3)
    expect(html).toMatch(
      /<path class="zwin-line-chart__target" d="M[^"]+"[^>]*stroke-dasharray="6 4"/,
    )
    expect(html).toMatch(/<g class="zwin-line-chart__measured"><path d="M[\d. ]+L[\d. ]+L[\d. ]+"/)
    // The legend names both lines in text.
    expect(html).toContain('>Gemeten</text>')
    expect(html).toContain('>Doellijn</text>')
    // Axes: values and dates through the formatters given.
    expect(html).toContain('€ 250.000')
    expect(html).toContain('1 januari 2026')
    expect(html).toContain('31 december 2027')
  })

  it('has no inline style (our CSP) and takes its colours from the theme, with fallbacks', () => {
    const html = render()
    expect(html).not.toContain('style=')
    expect(html).toContain('stroke="var(--zwin-color-sea, #0a4d68)"')
  })

  it('draws only the target line and axes without measurements', () => {
    const html = render({ series: [] })
    expect(count(html, 'class="zwin-line-chart__point"')).toBe(0)
    expect(html).toContain('zwin-line-chart__target')
    expect(html).not.toContain('NaN')
  })

  it('draws one dot and no line for a single measurement, even when everything falls on one day', () => {
    const day = { date: '2026-03-01T00:00:00.000Z', value: 5 }
    const html = render({ series: [day], target: { start: day, end: day } })
    expect(count(html, 'class="zwin-line-chart__point"')).toBe(1)
    expect(html).not.toMatch(/<g class="zwin-line-chart__measured"><path/)
    expect(html).not.toContain('NaN')
    expect(html).not.toContain('Infinity')
  })

  it('escapes what users typed', () => {
    const html = render({ title: '<script>alert(1)</script>' })
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
  })

  it('draws a narrow picture for small screens: the same parts, nothing outside it', () => {
    const labels = { measured: 'Netwerktotaal', target: 'Lijn naar het doel' }
    const wide = render({ labels })
    const narrow = render({ labels, width: 360 })
    expect(wide).toContain('viewBox="0 0 640 320"')
    expect(narrow).toContain('viewBox="0 0 360 320"')
    expect(count(narrow, 'class="zwin-line-chart__point"')).toBe(3)
    // Every text stays in the picture, at the width the chart reckons a character takes (7.5).
    for (const text of narrow.matchAll(
      /<text x="([\d.]+)" y="[\d.]+"(?: text-anchor="(\w+)")?[^>]*>([^<]*)</g,
    )) {
      const [, x, anchor = 'start', label = ''] = text
      const width = label.length * 7.5
      const start = Number(x) - { start: 0, middle: width / 2, end: width }[anchor]!
      expect(start, label).toBeGreaterThanOrEqual(0)
      expect(start + width, label).toBeLessThanOrEqual(360)
    }
    // The two legend entries do not fit on one line there: the second goes below the first.
    const textLine = (html: string, label: string) =>
      html.match(new RegExp(`<text x="[\\d.]+" y="([\\d.]+)"[^>]*>${label}<`))?.[1]
    expect(textLine(wide, labels.target)).toBe(textLine(wide, labels.measured))
    expect(Number(textLine(narrow, labels.target))).toBeGreaterThan(
      Number(textLine(narrow, labels.measured)),
    )
    // So do the first and last date under the axis.
    expect(Number(textLine(narrow, '31 december 2027'))).toBeGreaterThan(
      Number(textLine(narrow, '1 januari 2026')),
    )
    expect(textLine(wide, '31 december 2027')).toBe(textLine(wide, '1 januari 2026'))
  })
})
