import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollableTable } from '../table-wrap'

type Person = {
  invited: boolean
  response: string | null
  delegateName: string | null
  attended: boolean | null
  user: { id: string; name: string }
}
type Group = { id: string; name: string; invited: boolean; people: Person[] }

/**
 * Per organisation: who replied what and who attended. For preparers after the start, the same list is
 * a form: one checkbox per person ("Aanwezig"), including people who never replied.
 */
export function AttendanceList({
  groups,
  recordFor,
  canUninvite,
}: {
  groups: Group[]
  recordFor: { id: string; name: string; organisation: { id: string; name: string } }[] | null
  /** Preparers, while invitations are open: withdraw a personal invitation. */
  canUninvite: boolean
}) {
  const { t } = useTranslation('meetings')
  const replyText = (p: Person) =>
    p.response === 'delegate'
      ? t('attendance.delegateNamed', { name: p.delegateName ?? '' })
      : p.response
        ? t(`rsvp.${p.response}` as 'rsvp.yes')
        : t('attendance.noReply')
  const presence = (p: Person) =>
    p.attended === null
      ? t('attendance.notRecorded')
      : p.attended
        ? t('attendance.attended')
        : t('attendance.absent')
  const table = (
    <>
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={`org-${g.id}`}>
          <h3 id={`org-${g.id}`} className="utrecht-heading-3">
            {g.name}
            {g.invited ? '' : ` (${t('attendance.notInvited')})`}
          </h3>
          {g.people.length || recordFor ? (
            <ScrollableTable labelledBy={`org-${g.id}`}>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.person_col')}</th>
                  <th scope="col">{t('attendance.reply')}</th>
                  <th scope="col">{t('attendance.presence')}</th>
                </tr>
              </thead>
              <tbody>
                {peopleOf(g, recordFor).map((p) => (
                  <tr key={p.user.id}>
                    <th scope="row">
                      {p.user.name}
                      {p.invited ? ` (${t('attendance.invitedByName')})` : ''}
                      {p.invited && canUninvite && !recordFor ? (
                        <Form method="post" className="zwin-inline-form">
                          <input type="hidden" name="intent" value="uninvitePerson" />
                          <input type="hidden" name="userId" value={p.user.id} />
                          <button
                            type="submit"
                            className="utrecht-button utrecht-button--secondary-action"
                            aria-label={t('attendance.uninviteNamed', { name: p.user.name })}
                          >
                            {t('attendance.uninvite')}
                          </button>
                        </Form>
                      ) : null}
                    </th>
                    <td>{replyText(p)}</td>
                    <td>
                      {recordFor ? (
                        <label>
                          <input
                            type="checkbox"
                            name="attended"
                            value={p.user.id}
                            defaultChecked={p.attended === true}
                            className="utrecht-checkbox utrecht-checkbox--html-input"
                          />{' '}
                          {t('attendance.attended')}
                          <span className="zwin-visually-hidden">: {p.user.name}</span>
                        </label>
                      ) : (
                        presence(p)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollableTable>
          ) : (
            <p className="utrecht-paragraph">{t('attendance.noReplies')}</p>
          )}
        </section>
      ))}
    </>
  )
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" className="utrecht-heading-2">
        {recordFor ? t('attendance.record') : t('attendance.list')}
      </h2>
      {recordFor ? (
        <Form method="post">
          <p className="utrecht-paragraph">{t('attendance.recordHelp')}</p>
          <input type="hidden" name="intent" value="saveAttendance" />
          {table}
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('attendance.recordSave')}
          </button>
        </Form>
      ) : (
        table
      )}
    </section>
  )
}

/** When recording, everyone of the organisation is listed, also people without a reply. */
function peopleOf(
  group: Group,
  everyone: { id: string; name: string; organisation: { id: string } }[] | null,
) {
  if (!everyone) return group.people
  const others = everyone
    .filter((p) => p.organisation.id === group.id && !group.people.some((g) => g.user.id === p.id))
    .map((p) => ({ invited: false, response: null, delegateName: null, attended: null, user: p }))
  return [...group.people, ...others]
}
