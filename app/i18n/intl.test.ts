import { describe, expect, it } from 'vitest'
import { dateTimeFormat, numberFormat } from './intl'

describe('kept Intl formatters', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const options = { dateStyle: 'long', timeZone: 'Europe/Amsterdam' } as const
    expect(dateTimeFormat('nl-NL', options)).toBe(dateTimeFormat('nl-NL', { ...options }))
    expect(dateTimeFormat('nl-BE', options)).not.toBe(dateTimeFormat('nl-NL', options))
    expect(numberFormat('nl-NL', { style: 'currency', currency: 'EUR' })).not.toBe(
      numberFormat('nl-NL'),
    )
  })

  it('formats as a new formatter would', () => {
    const when = new Date('2026-12-06T14:30:00Z')
    const options = { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' } as const
    expect(dateTimeFormat('nl-BE', options).format(when)).toBe(
      new Intl.DateTimeFormat('nl-BE', options).format(when),
    )
    expect(numberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(1234.5)).toBe(
      new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(1234.5),
    )
  })

  it('stays bounded when locales keep changing', () => {
    for (let i = 0; i < 1000; i++)
      numberFormat(i % 2 ? 'nl-NL' : 'en', { maximumFractionDigits: i % 20 })
    const first = numberFormat('nl-NL', { minimumIntegerDigits: 3 })
    expect(first.format(7)).toBe('007')
  })
})
