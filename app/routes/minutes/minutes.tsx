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
import { isConfirmed } from '~/modules/forms/confirm'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { approveMinutes, minutesPageData, saveMinutes } from '~/modules/minutes/minutes.server'
import { minutesSchema, minutesStepSchema } from '~/modules/minutes/schema'
import { ConfirmPanel } from '~/ui/confirm'
import { useFormatters } from '~/ui/format'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'
import { MinutesApprove, MinutesEditor } from '~/ui/minutes/minutes-form'
import {
  MinutesApproval,
  MinutesContentView,
  MinutesDownloads,
  MinutesDraftNotice,
  MinutesView,
} from '~/ui/minutes/minutes-view'
import { MinutesFormError } from '~/ui/minutes/problem'
import { MinutesRound } from '~/ui/minutes/minutes-round'
import { handleRoundIntent, isRoundIntent } from '~/routes/minutes/round-intents.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.meeting.title, 'minutes:minutes.title')
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingAccess(user, params.network ?? '', params.meeting ?? '')
  return {
    network: access.network,
    meeting: access.meeting,
    canPrepare: access.canPrepare,
    minutes: await minutesPageData(user, access),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const [network, meeting] = [params.network ?? '', params.meeting ?? '']
  const formData = await request.formData()
  if (isRoundIntent(formData.get('intent'))) {
    return handleRoundIntent(formData, user, { network, meeting })
  }
  const access = await requireMeetingPreparer(user, network, meeting)
  const self = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/verslag`
  if (formData.get('intent') === 'saveMinutes') {
    const submission = parseWithZod(formData, { schema: minutesSchema })
    if (submission.status !== 'success') return data({ form: submission.reply() }, { status: 400 })
    const result = await saveMinutes(user, access, submission.value)
    if (result !== 'ok') {
      const status = result === 'minutesConflict' ? 409 : 400
      return data({ form: submission.reply({ formErrors: [result] }) }, { status })
    }
    return redirectWithFlash(self, 'saved')
  }
  const step = parseWithZod(formData, { schema: minutesStepSchema })
  if (step.status !== 'success') return data({ problem: 'unknownAction' as const }, { status: 400 })
  // ConfirmPanel sends the version back as its `id`.
  const version = isConfirmed(formData) ? Number(step.value.id) : step.value.version
  if (!version || !Number.isInteger(version)) {
    return data({ problem: 'unknownAction' as const }, { status: 400 })
  }
  const options = { version, confirmed: isConfirmed(formData) }
  const result = await approveMinutes(user, access, options)
  if (result === 'ok') return redirectWithFlash(self, 'saved')
  if (result === 'confirm') return { confirm: { intent: step.value.intent, id: String(version) } }
  return data({ problem: result }, { status: result === 'minutesConflict' ? 409 : 400 })
}

export default function Minutes() {
  const { t } = useTranslation('minutes')
  const { network, meeting, canPrepare, minutes } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const f = useFormatters()
  const confirm = result && 'confirm' in result ? result.confirm : null
  const meetingPath = `/netwerken/${network.slug}/vergaderingen/${meeting.id}`
  const next = minutes.nextMeeting
  return (
    <>
      <BackLink to={meetingPath}>{meeting.title}</BackLink>
      <h1 className="utrecht-heading-1">{t('minutes.title')}</h1>
      <p className="zwin-muted">{f.dateTime(meeting.startsAt)}</p>
      <MinutesDraftNotice minutes={minutes} />
      <MinutesApproval minutes={minutes} networkSlug={network.slug} />
      {result && 'problem' in result ? <MinutesFormError errors={[result.problem]} /> : null}
      {confirm ? (
        <ConfirmPanel
          pending={{
            intent: confirm.intent,
            id: confirm.id,
            question:
              'answered' in confirm
                ? t('round.closeQuestion', {
                    answered: confirm.answered,
                    invited: confirm.invited,
                    comments: confirm.comments,
                  })
                : next
                  ? t('minutes.approveQuestionNext', {
                      meeting: next.title,
                      date: f.date(next.startsAt),
                    })
                  : t('minutes.approveQuestion'),
          }}
          confirmLabel={
            'answered' in confirm ? t('round.closeConfirm') : t('minutes.approveConfirm')
          }
        />
      ) : null}
      {!minutes.begun ? (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('minutes.notYet')}</p>
        </div>
      ) : (
        <MinutesContentView
          minutes={minutes}
          meetingPath={meetingPath}
          canRecord={canPrepare && !minutes.minutesApprovedAt}
        />
      )}
      {minutes.begun ? <MinutesDownloads meetingPath={meetingPath} /> : null}
      {minutes.canEdit ? (
        <>
          <MinutesEditor
            key={minutes.version}
            minutes={minutes}
            networkSlug={network.slug}
            lastResult={result && 'form' in result ? result.form : undefined}
          />
          <MinutesApprove minutes={minutes} />
        </>
      ) : (
        <>
          {canPrepare && !minutes.minutesApprovedAt ? (
            <p className="utrecht-paragraph zwin-muted">{t('minutes.notOpen')}</p>
          ) : null}
          {minutes.begun ? <MinutesView minutes={minutes} networkSlug={network.slug} /> : null}
        </>
      )}
      <MinutesRound
        minutes={minutes}
        lastResult={result && 'round' in result ? result.round : undefined}
      />
    </>
  )
}
