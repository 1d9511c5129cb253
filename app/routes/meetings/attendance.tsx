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
import { requireMeetingAccess, requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import {
  attendanceByOrganisation,
  canRecordAttendance,
  invitationsOpen,
  uninvitePerson,
  invitePerson,
  networkPeople,
  recordAttendance,
  saveInvitedOrganisations,
} from '~/modules/meetings/attendance.server'
import { attendanceSchema, invitationsSchema, invitePersonSchema } from '~/modules/meetings/schema'
import { FormError } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { AttendanceList } from '~/ui/meetings/attendance-list'
import { InvitationForms } from '~/ui/meetings/invitation-forms'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.meeting.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingAccess(user, params.network ?? '', params.meeting ?? '')
  const groups = await attendanceByOrganisation(access)
  const prepare = access.canPrepare
    ? {
        organisations: await currentMemberOrganisations(access.network.id),
        people: await networkPeople(access),
        invitationsOpen: invitationsOpen(access.meeting.status),
        canRecord: canRecordAttendance(access.meeting),
      }
    : null
  return {
    network: { slug: access.network.slug },
    meeting: { id: access.meeting.id, title: access.meeting.title },
    groups,
    prepare,
  }
}

const schemas = {
  saveInvitations: invitationsSchema,
  invitePerson: invitePersonSchema,
  uninvitePerson: invitePersonSchema,
  saveAttendance: attendanceSchema,
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const formData = await request.formData()
  const intent = String(formData.get('intent'))
  if (!Object.hasOwn(schemas, intent)) return data({ failure: 'unknownAction' }, { status: 400 })
  const submission = parseWithZod(formData, { schema: schemas[intent as keyof typeof schemas] })
  if (submission.status !== 'success') return data({ failure: 'choose' }, { status: 400 })
  const value = submission.value
  const result =
    value.intent === 'saveInvitations'
      ? await saveInvitedOrganisations(user, access, value.organisationIds)
      : 'userId' in value
        ? value.intent === 'invitePerson'
          ? await invitePerson(user, access, value.userId)
          : await uninvitePerson(user, access, value.userId)
        : await recordAttendance(user, access, value)
  if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
  return redirectWithFlash(
    `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/deelnemers`,
    'saved',
  )
}

export default function AttendancePage() {
  const { t } = useTranslation('meetings')
  const { network, meeting, groups, prepare } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/vergaderingen/${meeting.id}`}>
        {meeting.title}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('attendance.title', { title: meeting.title })}</h1>
      {result?.failure ? <FormError errors={[result.failure]} /> : null}
      {prepare?.invitationsOpen ? (
        <InvitationForms
          organisations={prepare.organisations}
          invited={groups.filter((g) => g.invited).map((g) => g.id)}
          people={prepare.people}
        />
      ) : null}
      <AttendanceList
        groups={groups}
        recordFor={prepare?.canRecord ? prepare.people : null}
        canUninvite={prepare?.invitationsOpen ?? false}
      />
    </>
  )
}
