import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser, type CurrentUser } from '~/modules/access/access.server'
import { requireMeetingPreparer, type MeetingAccess } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import {
  attendanceByOrganisation,
  canRecordAttendance,
  networkPeople,
  recordAttendance,
} from '~/modules/meetings/attendance.server'
import { attendanceSchema } from '~/modules/meetings/schema'
import { meetingDetail } from '~/modules/meetings/queries.server'
import { actionsByItem, assignableOrganisations } from '~/modules/minutes/actions.server'
import { isRecording } from '~/modules/minutes/decisions.server'
import { handleItemMinutesIntent } from '~/routes/minutes/item-intents.server'
import { BackLink } from '~/ui/links'
import { MeetingModeAttendance, MeetingModeItem } from '~/ui/meetings/meeting-mode'
import { namedPageTitle, namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.meeting.title, 'meetings:mode.pageTitle')
    : namedTitle(undefined)

/**
 * Meeting mode (vergadermodus): while the meeting runs, its preparers record every item's decision and
 * action items on one page. Each form saves its own item; with JavaScript a fetcher keeps the page where
 * it is and says what was saved, without it the form posts and comes back to the same item.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const canRecord = isRecording(access)
  const recordsAttendance = canRecordAttendance(access.meeting)
  const [detail, actions, organisations, attendance, people] = await Promise.all([
    meetingDetail(user, access, await userLocale(request, user)),
    actionsByItem(user, access),
    canRecord ? assignableOrganisations(access) : [],
    // Attendance is recorded here once the meeting has begun; before that the page shows none.
    recordsAttendance ? attendanceByOrganisation(access) : [],
    recordsAttendance ? networkPeople(access) : null,
  ])
  return {
    network: { slug: access.network.slug, shortName: access.network.shortName },
    meeting: detail.meeting,
    canRecord,
    organisations,
    attendance,
    people,
    items: detail.agenda.map((item) => ({
      id: item.id,
      number: item.number,
      title: item.title,
      depth: item.depth,
      kind: item.kind,
      startsAt: item.startsAt,
      presenterOrganisationId: item.presenterOrganisationId,
      decision: { decisionText: item.decisionText, decisionOutcome: item.decisionOutcome },
      actions: actions[item.id] ?? [],
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const formData = await request.formData()
  const here = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/vergadermodus`
  if (formData.get('intent') === 'saveAttendance')
    return saveAttendance(formData, user, access, here)
  // Which item, and whether the page stays put: meeting mode's own fields, not the minutes form's.
  const itemId = String(formData.get('itemId') ?? '')
  const stay = formData.get('stay') === '1'
  formData.delete('itemId')
  formData.delete('stay')
  const answer = await handleItemMinutesIntent(formData, user, access, itemId, {
    back: `${here}#punt-${itemId}`,
    stay,
  })
  return answer ?? data({ failure: 'unknownAction' }, { status: 400 })
}

/** Attendance, recorded as on the attendance page (attendance.server.ts), back to this page. */
async function saveAttendance(
  formData: FormData,
  user: CurrentUser,
  access: MeetingAccess,
  here: string,
) {
  const stay = formData.get('stay') === '1'
  formData.delete('stay')
  const submission = parseWithZod(formData, { schema: attendanceSchema })
  if (submission.status !== 'success') return data({ failure: 'choose' }, { status: 400 })
  const result = await recordAttendance(user, access, submission.value)
  if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
  return stay
    ? data({ saved: { form: 'attendance' } })
    : redirectWithFlash(`${here}#aanwezigheid`, 'saved')
}

export default function MeetingModePage() {
  const { t } = useTranslation('meetings')
  const { network, meeting, canRecord, organisations, attendance, people, items } =
    useLoaderData<typeof loader>()
  const base = `/netwerken/${network.slug}/vergaderingen/${meeting.id}`
  return (
    <>
      <BackLink to={base}>{meeting.title}</BackLink>
      <h1 className="utrecht-heading-1">{t('mode.title', { title: meeting.title })}</h1>
      <p className="utrecht-paragraph">{canRecord ? t('mode.intro') : t('mode.notRecording')}</p>
      <ul className="utrecht-unordered-list">
        <li>
          <Link className="utrecht-link" to={`${base}/deelnemers`}>
            {t('mode.attendance')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`${base}/verslag`}>
            {t('mode.minutes')}
          </Link>
        </li>
      </ul>
      {people ? <MeetingModeAttendance groups={attendance} people={people} /> : null}
      {items.length === 0 ? <p className="utrecht-paragraph">{t('agenda.empty')}</p> : null}
      {items.map((item) => (
        <MeetingModeItem
          key={item.id}
          item={item}
          networkSlug={network.slug}
          returnTo={`${base}/vergadermodus#punt-${item.id}`}
          organisations={organisations}
          canRecord={canRecord}
        />
      ))}
    </>
  )
}
