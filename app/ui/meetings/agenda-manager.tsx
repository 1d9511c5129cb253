import { Form, Link, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ScrollableTable } from '../table-wrap'
import { clockTime } from './when'

type Row = {
  id: string
  number: string
  depth: number
  startsAt: string | Date
  title: string
  kind: string
  durationMinutes: number
  parentId: string | null
}

/**
 * The agenda with controls per item: Omhoog / Omlaag (plain buttons, so keyboard and screen reader users
 * reorder as easily as anyone; no dragging needed) and Verwijderen. After a move the focus returns to the
 * moved item's button of the same direction (the other one once it reached the end), so pressing Enter
 * again keeps moving the same item, and a status message says where it is now.
 */
export function AgendaManager({
  agenda,
  itemLink,
  editable,
  moved,
}: {
  agenda: Row[]
  itemLink: (id: string) => string
  editable: boolean
  moved: { id: string; direction: string } | null
}) {
  const { t, i18n } = useTranslation('meetings')
  const time = clockTime(i18n.language)
  const movedRow = useRef<HTMLTableRowElement>(null)
  const { key } = useLocation()
  useEffect(() => {
    if (!moved) return
    const buttons = movedRow.current?.querySelectorAll<HTMLButtonElement>(
      'button[name="direction"]',
    )
    const list = [...(buttons ?? [])]
    ;(list.find((b) => b.value === moved.direction) ?? list[0])?.focus()
  }, [moved, key])
  const movedItem = moved ? agenda.find((r) => r.id === moved.id) : undefined
  // The agenda comes in order, so an item's siblings keep their order too.
  const siblings = (row: Row) => agenda.filter((o) => o.parentId === row.parentId)
  const isFirst = (row: Row) => siblings(row)[0]?.id === row.id
  const isLast = (row: Row) => siblings(row).at(-1)?.id === row.id
  return (
    <>
      <p role="status" className="zwin-visually-hidden">
        {movedItem ? t('manage.movedTo', { title: movedItem.title, number: movedItem.number }) : ''}
      </p>
      <ScrollableTable caption={t('agenda.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('agenda.number')}</th>
            <th scope="col">{t('agenda.time')}</th>
            <th scope="col">{t('agenda.item')}</th>
            <th scope="col">{t('agenda.kind')}</th>
            <th scope="col">{t('agenda.duration')}</th>
            {editable ? <th scope="col">{t('manage.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {agenda.map((row) => (
            <tr
              key={row.id}
              ref={row.id === moved?.id ? movedRow : undefined}
              className={row.depth ? 'zwin-subitem' : undefined}
            >
              <th scope="row">{row.number}</th>
              <td>{time(row.startsAt)}</td>
              <td>
                <Link className="utrecht-link" to={itemLink(row.id)}>
                  {row.title}
                </Link>
              </td>
              <td>{t(`kind.${row.kind}` as 'kind.information')}</td>
              <td>{t('agenda.minutes', { count: row.durationMinutes })}</td>
              {editable ? (
                <td>
                  <div className="zwin-actions">
                    <Form method="post" className="zwin-inline-form" preventScrollReset>
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="id" value={row.id} />
                      {isFirst(row) ? null : (
                        <button
                          type="submit"
                          name="direction"
                          value="up"
                          className="utrecht-button utrecht-button--secondary-action"
                          aria-label={t('manage.upNamed', { number: row.number, title: row.title })}
                        >
                          {t('manage.up')}
                        </button>
                      )}
                      {isLast(row) ? null : (
                        <button
                          type="submit"
                          name="direction"
                          value="down"
                          className="utrecht-button utrecht-button--secondary-action"
                          aria-label={t('manage.downNamed', {
                            number: row.number,
                            title: row.title,
                          })}
                        >
                          {t('manage.down')}
                        </button>
                      )}
                    </Form>
                    <Form method="post" className="zwin-inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={row.id} />
                      <button
                        type="submit"
                        className="utrecht-button utrecht-button--secondary-action"
                        aria-label={t('manage.removeNamed', {
                          number: row.number,
                          title: row.title,
                        })}
                      >
                        {t('manage.remove')}
                      </button>
                    </Form>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  )
}

/** A warning when the planned minutes run past the meeting's end time. */
export function TimetableCheck({
  agenda,
  endsAt,
}: {
  agenda: { endsAt: string | Date }[]
  endsAt: string | Date
}) {
  const last = agenda.at(-1)
  return last ? <OverrunWarning plannedEnd={last.endsAt} endsAt={endsAt} /> : null
}

/** Says when the agenda's timetable ends after the meeting does; nothing otherwise. */
export function OverrunWarning({
  plannedEnd,
  endsAt,
}: {
  plannedEnd: string | Date
  endsAt: string | Date
}) {
  const { t, i18n } = useTranslation('meetings')
  if (new Date(plannedEnd) <= new Date(endsAt)) return null
  const time = clockTime(i18n.language)
  return (
    <div className="utrecht-alert utrecht-alert--warning" role="status">
      <p className="utrecht-paragraph">
        {t('manage.overrun', { end: time(plannedEnd), planned: time(endsAt) })}
      </p>
    </div>
  )
}
