import { useTranslation } from 'react-i18next'
import { dateLocale } from '~/i18n/config'

// Dates and times always in the partners' shared time zone (Brussels keeps the same time as Amsterdam).
const timeZone = 'Europe/Amsterdam'

export function formatters(locale: string) {
  const dateFormat = new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeZone })
  const dateTimeFormat = new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  })
  const numberFormat = new Intl.NumberFormat(locale)
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' })
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
  })
  const unit = (u: string) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, maximumFractionDigits: 1 })
  const [kb, mb] = [unit('kilobyte'), unit('megabyte')]
  return {
    /** A file size: "850 kB", "12,5 MB". */
    fileSize: (bytes: number) =>
      bytes < 1024 * 1024 ? kb.format(Math.max(1, bytes / 1024)) : mb.format(bytes / 1024 / 1024),
    /** An amount in euro cents, e.g. "€ 1.234,56" in Dutch. */
    money: (cents: number) => moneyFormat.format(cents / 100),
    /** A fraction 0..1 as a percentage. */
    percent: (fraction: number) => percentFormat.format(fraction),
    date: (iso: string | Date) => dateFormat.format(new Date(iso)),
    dateTime: (iso: string | Date) => dateTimeFormat.format(new Date(iso)),
    number: (n: number) => numberFormat.format(n),
  }
}

export function useFormatters() {
  const { i18n } = useTranslation()
  return formatters(i18n.language)
}
