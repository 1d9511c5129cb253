import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { locales } from '~/i18n/config'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import { requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { invitationsOpen } from '~/modules/meetings/attendance.server'
import { addGuest, meetingGuests, removeGuest } from '~/modules/meetings/guests.server'
import { guestSchema, removeGuestSchema } from '~/modules/meetings/schema'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { FormError, SelectField, SubmitButton, TextField, replyForIntent } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.meeting.title, 'meetings:guests.title')
    : namedTitle(undefined)

/** Guests without an account, kept by the meeting's preparers (guests.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  return {
    network: { slug: access.network.slug },
    meeting: { id: access.meeting.id, title: access.meeting.title, status: access.meeting.status },
    open: invitationsOpen(access.meeting.status),
    guests: await meetingGuests(access),
    locale: await userLocale(request, user),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const here = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/gasten`
  const formData = await request.formData()
  if (formData.get('intent') === 'removeGuest') {
    const submission = parseWithZod(formData, { schema: removeGuestSchema })
    if (submission.status !== 'success') return data({ failure: 'choose' }, { status: 400 })
    const guest = (await meetingGuests(access)).find((g) => g.id === submission.value.id)
    if (!guest) return data({ failure: 'guestNotFound' }, { status: 400 })
    if (!isConfirmed(formData)) {
      return { confirm: { intent: 'removeGuest', id: guest.id, name: guest.name } }
    }
    const result = await removeGuest(user, access, guest.id)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    return redirectWithFlash(here, 'saved')
  }
  const submission = parseWithZod(formData, { schema: guestSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await addGuest(user, access, submission.value)
  if ('problem' in result) {
    const errors =
      result.problem === 'guestExists'
        ? { fieldErrors: { email: [result.problem] } }
        : { formErrors: [result.problem] }
    return data(submission.reply(errors), { status: 400 })
  }
  return redirectWithFlash(here, 'saved')
}

export default function GuestsPage() {
  const { t } = useTranslation('meetings')
  const { network, meeting, open, guests, locale } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'guest',
    lastResult: replyForIntent(result, 'addGuest'),
    defaultValue: { locale },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: guestSchema }),
  })
  const base = `/netwerken/${network.slug}/vergaderingen/${meeting.id}`
  return (
    <>
      <BackLink to={base}>{meeting.title}</BackLink>
      <h1 className="utrecht-heading-1">{t('guests.heading', { title: meeting.title })}</h1>
      <p className="utrecht-paragraph">{t('guests.intro')}</p>
      {result && 'failure' in result && result.failure ? (
        <FormError errors={[result.failure]} />
      ) : null}
      {result && 'confirm' in result && result.confirm ? (
        <ConfirmPanel
          pending={{
            intent: 'removeGuest',
            id: result.confirm.id,
            question: t('guests.removeQuestion', { name: result.confirm.name }),
          }}
          confirmLabel={t('guests.removeConfirm')}
        />
      ) : null}
      {guests.length === 0 ? (
        <p className="utrecht-paragraph">{t('guests.empty')}</p>
      ) : (
        <ScrollableTable caption={t('guests.caption', { count: guests.length })}>
          <thead>
            <tr>
              <th scope="col">{t('guests.name')}</th>
              <th scope="col">{t('guests.email')}</th>
              <th scope="col">{t('guests.affiliation')}</th>
              <th scope="col">{t('guests.locale')}</th>
              {open ? <th scope="col">{t('manage.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {guests.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{g.email}</td>
                <td>{g.affiliation}</td>
                <td>{t(`guests.locales.${g.locale}` as 'guests.locales.nl-NL')}</td>
                {open ? (
                  <td>
                    <RowAction
                      intent="removeGuest"
                      id={g.id}
                      label={t('guests.remove')}
                      accessibleLabel={t('guests.removeNamed', { name: g.name })}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      )}
      {open ? (
        <section aria-labelledby="add-guest">
          <h2 id="add-guest" className="utrecht-heading-2">
            {t('guests.addTitle')}
          </h2>
          <p className="utrecht-paragraph">
            {meeting.status === 'published' ? t('guests.addPublished') : t('guests.addDraft')}
          </p>
          <Form method="post" {...getFormProps(form)} className="zwin-form">
            <FormError errors={form.errors} />
            <input type="hidden" name="intent" value="addGuest" />
            <TextField field={fields.name} label={t('guests.name')} autoComplete="off" />
            <TextField
              field={fields.email}
              type="email"
              label={t('guests.email')}
              autoComplete="off"
            />
            <TextField
              field={fields.affiliation}
              label={t('guests.affiliation')}
              description={t('guests.affiliationHelp')}
            />
            <SelectField
              field={fields.locale}
              label={t('guests.locale')}
              options={locales.map((l) => ({ value: l, label: t(`guests.locales.${l}`) }))}
            />
            <SubmitButton>{t('guests.add')}</SubmitButton>
          </Form>
        </section>
      ) : (
        <p className="utrecht-paragraph">{t('guests.closed')}</p>
      )}
    </>
  )
}
