import { currentMemberOrganisations } from '~/modules/networks/networks.server'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { updateMeeting } from '~/modules/meetings/meetings.server'
import { agendaMinutes, meetingEditValues } from '~/modules/meetings/queries.server'
import { meetingSchema } from '~/modules/meetings/schema'
import { meetingWallClock } from '~/modules/meetings/types'
import { BackLink } from '~/ui/links'
import { MeetingForm } from '~/ui/meetings/meeting-form'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.meeting.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const [meeting, organisations, plannedMinutes] = await Promise.all([
    meetingEditValues(access),
    currentMemberOrganisations(access.network.id),
    agendaMinutes(access),
  ])
  return {
    network: access.network,
    meetingId: access.meeting.id,
    meeting,
    organisations,
    plannedMinutes,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const submission = parseWithZod(await request.formData(), { schema: meetingSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await updateMeeting(user, access, submission.value)
  if ('problem' in result) {
    const errors =
      result.problem === 'hostNotInNetwork'
        ? { fieldErrors: { hostOrganisationId: [result.problem] } }
        : { formErrors: [result.problem] }
    return data(submission.reply(errors), {
      status: result.problem === 'meetingConflict' ? 409 : 400,
    })
  }
  const url = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}`
  return redirectWithFlash(url, 'saved')
}

export default function EditMeeting() {
  const { t } = useTranslation('meetings')
  const { network, meetingId, meeting, organisations, plannedMinutes } =
    useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const start = meetingWallClock(new Date(meeting.startsAt))
  const end = meetingWallClock(new Date(meeting.endsAt))
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/vergaderingen/${meetingId}`}>
        {meeting.title}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('edit', { title: meeting.title })}</h1>
      {meeting.status === 'published' ? (
        <p className="utrecht-paragraph">{t('editPublishedNote')}</p>
      ) : null}
      <MeetingForm
        lastResult={lastResult}
        organisations={organisations}
        defaultValue={{
          title: meeting.title,
          description: meeting.description,
          day: start.day,
          startTime: start.time,
          endDay: end.day === start.day ? '' : end.day,
          endTime: end.time,
          location: meeting.location,
          onlineUrl: meeting.onlineUrl,
          hostOrganisationId: meeting.hostOrganisationId,
          chair: meeting.chair,
          secretary: meeting.secretary,
          version: meeting.version,
        }}
        quietOption={meeting.status === 'published'}
        plannedMinutes={plannedMinutes}
        submitLabel={t('save')}
      />
    </>
  )
}
