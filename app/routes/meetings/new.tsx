import { currentMemberOrganisations } from '~/modules/networks/networks.server'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { requireMeetingCreator } from '~/modules/access/meetings.server'
import { userLocale } from '~/i18n/i18n.server'
import { plainTranslator } from '~/i18n/translate'
import { copyableMeetings, createMeeting } from '~/modules/meetings/meetings.server'
import { meetingSchema } from '~/modules/meetings/schema'
import { meetingWallClock } from '~/modules/meetings/types'
import { useFormatters } from '~/ui/format'
import { BackLink } from '~/ui/links'
import { MeetingForm } from '~/ui/meetings/meeting-form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings:new')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingCreator(user, params.network ?? '')
  const [organisations, copyable] = await Promise.all([
    currentMemberOrganisations(access.network.id),
    copyableMeetings(user, access),
  ])
  return { network: access.network, organisations, copyable, host: user.organisation.id }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingCreator(user, params.network ?? '')
  const submission = parseWithZod(await request.formData(), { schema: meetingSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const locale = await userLocale(request, user)
  const t = plainTranslator(locale)
  const result = await createMeeting(user, access, submission.value, (standing) =>
    t(`standing:${standing}`),
  )
  if ('problem' in result) {
    const field = result.problem === 'copyNotFound' ? 'copyFrom' : 'hostOrganisationId'
    return data(submission.reply({ fieldErrors: { [field]: [result.problem] } }), { status: 400 })
  }
  return redirect(`/netwerken/${access.network.slug}/vergaderingen/${result.id}/agenda`)
}

export default function NewMeeting() {
  const { t } = useTranslation('meetings')
  const { network, organisations, copyable, host } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const format = useFormatters()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/vergaderingen`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('new')}</h1>
      <p className="utrecht-paragraph">{t('newIntro')}</p>
      <MeetingForm
        lastResult={lastResult}
        organisations={organisations}
        copyable={copyable.map((m) => ({
          value: m.id,
          label: `${m.title} (${format.date(m.startsAt)})`,
        }))}
        defaultValue={{
          title: '',
          description: '',
          day: meetingWallClock(new Date(Date.now() + 14 * 86_400_000)).day,
          startTime: '10:00',
          endDay: '',
          endTime: '12:00',
          location: '',
          onlineUrl: '',
          hostOrganisationId: organisations.some((o) => o.id === host) ? host : '',
          chair: '',
          secretary: '',
        }}
        submitLabel={t('create')}
      />
    </>
  )
}
