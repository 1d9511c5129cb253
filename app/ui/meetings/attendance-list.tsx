import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { presenceValues, type PresenceValue } from '~/modules/meetings/types'
import { HiddenFields, type FormComponent } from '../form'
import { ScrollableTable } from '../table-wrap'

type Person = {
  invited: boolean
  response: string | null
  delegateName: string | null
  presence: PresenceValue | null
  excuseReason: string | null
  user: { id: string; name: string }
}

/** What the form starts with: the recorded presence, or excused after a "no" reply. */
function initialPresence(p: Person): PresenceValue | undefined {
  return p.presence ?? (p.response === 'no' ? 'excused' : undefined)
}
type Group = { id: string; name: string; invited: boolean; people: Person[] }

/**
 * Per organisation: who replied what and who was present, excused or absent. For preparers after the
 * start, the same list is a form: per person three choices and a reason for an excused person,
 * including people who never replied. Plain radio buttons and text fields: it works without JavaScript.
 */
export function AttendanceList({
  groups,
  recordFor,
  canUninvite,
  FormAs = Form,
  hidden,
}: {
  groups: Group[]
  recordFor: { id: string; name: string; organisation: { id: string; name: string } }[] | null
  /** Preparers, while invitations are open: withdraw a personal invitation. */
  canUninvite: boolean
  /** How the recording form is sent: a plain form, or a fetcher's (meeting mode stays on its page). */
  FormAs?: FormComponent
  /** Hidden fields of the sending page, beside the form's own. */
  hidden?: Record<string, string>
}) {
  const { t } = useTranslation('meetings')
  const replyText = (p: Person) =>
    p.response === 'delegate'
      ? t('attendance.delegateNamed', { name: p.delegateName ?? '' })
      : p.response
        ? t(`rsvp.${p.response}` as 'rsvp.yes')
        : t('attendance.noReply')
  const presence = (p: Person) =>
    p.presence === null
      ? t('attendance.notRecorded')
      : p.presence === 'excused' && p.excuseReason
        ? t('attendance.withReason', {
            presence: t('presence.excused'),
            reason: p.excuseReason,
          })
        : t(`presence.${p.presence}`)
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
                    <td>{recordFor ? <PresenceChoice person={p} /> : presence(p)}</td>
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
        <FormAs method="post">
          <p className="utrecht-paragraph">{t('attendance.recordHelp')}</p>
          <input type="hidden" name="intent" value="saveAttendance" />
          <HiddenFields hidden={hidden} />
          {table}
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('attendance.recordSave')}
          </button>
        </FormAs>
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
    .map((p) => ({
      invited: false,
      response: null,
      delegateName: null,
      presence: null,
      excuseReason: null,
      user: p,
    }))
  return [...group.people, ...others]
}

/** One person's presence in the recording form: three radio buttons and the reason when excused. */
function PresenceChoice({ person }: { person: Person }) {
  const { t } = useTranslation('meetings')
  const id = person.user.id
  const initial = initialPresence(person)
  return (
    <fieldset className="utrecht-form-fieldset zwin-fieldset">
      <legend className="zwin-visually-hidden">
        {t('attendance.presenceOf', { name: person.user.name })}
      </legend>
      {presenceValues.map((value) => (
        <div key={value} className="utrecht-form-field utrecht-form-field--radio">
          <input
            type="radio"
            id={`presence-${id}-${value}`}
            name={`presence.${id}`}
            value={value}
            defaultChecked={initial === value}
            className="utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input"
          />
          <label
            className="utrecht-form-label utrecht-form-label--radio utrecht-form-field__label"
            htmlFor={`presence-${id}-${value}`}
          >
            {t(`presence.${value}`)}
          </label>
        </div>
      ))}
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor={`reason-${id}`}>
          {t('attendance.reasonNamed', { name: person.user.name })}
        </label>
        <input
          type="text"
          id={`reason-${id}`}
          name={`reason.${id}`}
          maxLength={500}
          defaultValue={person.excuseReason ?? ''}
          className="utrecht-textbox utrecht-textbox--html-input"
        />
      </div>
    </fieldset>
  )
}
