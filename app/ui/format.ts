import { useTranslation } from 'react-i18next'

// Dates and times always in the partners' shared time zone (Brussels keeps the same time as Amsterdam).
const timeZone = 'Europe/Amsterdam'

export function formatters(locale: string) {
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  })
  const numberFormat = new Intl.NumberFormat(locale)
  return {
    date: (iso: string | Date) => dateFormat.format(new Date(iso)),
    dateTime: (iso: string | Date) => dateTimeFormat.format(new Date(iso)),
    number: (n: number) => numberFormat.format(n),
  }
}

export function useFormatters() {
  const { i18n } = useTranslation()
  return formatters(i18n.language)
}
