import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import { requireMeetingAccess, requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { ownReply, respond } from '~/modules/meetings/attendance.server'
import { cancelMeeting, markHeld, publishMeeting } from '~/modules/meetings/meetings.server'
import { meetingDetail } from '~/modules/meetings/queries.server'
import { agendaIsOpen, rsvpFromLink } from '~/modules/meetings/types'
import { actionListForMeeting } from '~/modules/minutes/actions.server'
import { hasDraftMinutes } from '~/modules/minutes/types'
import { cancelSchema, rsvpSchema } from '~/modules/meetings/schema'
import { FormError, replyForIntent } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { TimetableCheck } from '~/ui/meetings/agenda-manager'
import { AgendaTable, AttachedDocuments } from '~/ui/meetings/agenda-table'
import { MeetingFacts } from '~/ui/meetings/meeting-facts'
import { PrepareSection } from '~/ui/meetings/prepare-section'
import { RsvpSection } from '~/ui/meetings/rsvp-form'
import { ActionList } from '~/ui/minutes/action-list'
import { MinutesDraftLabel } from '~/ui/minutes/minutes-view'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.meeting.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingAccess(user, params.network ?? '', params.meeting ?? '')
  const [{ partners: _partners, ...detail }, own, actions] = await Promise.all([
    meetingDetail(user, access, await userLocale(request, user)),
    ownReply(user, access),
    actionListForMeeting(user, access),
  ])
  return {
    network: {
      slug: access.network.slug,
      name: access.network.name,
      shortName: access.network.shortName,
    },
    canPrepare: access.canPrepare,
    started: access.meeting.startsAt <= new Date(),
    over: access.meeting.endsAt <= new Date(),
    // Opened from a reply link in the invitation mail: that answer is chosen, not yet sent.
    suggested: rsvpFromLink(new URL(request.url).searchParams.get('antwoord')),
    ...detail,
    ...own,
    actions,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const [network, meetingId] = [params.network ?? '', params.meeting ?? '']
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'respond') {
    const access = await requireMeetingAccess(user, network, meetingId)
    const submission = parseWithZod(formData, { schema: rsvpSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await respond(user, access, submission.value)
    if ('problem' in result) {
      return data(submission.reply({ formErrors: [result.problem] }), { status: 400 })
    }
    return redirectWithFlash(meetingUrl(network, meetingId), 'replySaved')
  }
  const access = await requireMeetingPreparer(user, network, meetingId)
  if (intent === 'cancel') {
    const submission = parseWithZod(formData, { schema: cancelSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await cancelMeeting(user, access, submission.value.reason)
    if ('problem' in result) {
      return data(submission.reply({ formErrors: [result.problem] }), { status: 400 })
    }
    return redirectWithFlash(meetingUrl(network, meetingId), cancelledFlash(result))
  }
  if (intent === 'publish') {
    if (!isConfirmed(formData)) return { confirm: { intent, id: meetingId } }
    const result = await publishMeeting(user, access)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    return redirectWithFlash(meetingUrl(network, meetingId), publishedFlash(result))
  }
  if (intent === 'held') {
    // Final: the agenda, invitations and replies close, so it is asked first.
    if (!isConfirmed(formData)) return { confirm: { intent, id: meetingId } }
    const result = await markHeld(user, access)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    return redirectWithFlash(meetingUrl(network, meetingId), 'saved')
  }
  return data({ failure: 'unknownAction' }, { status: 400 })
}

function meetingUrl(network: string, meetingId: string) {
  return `/netwerken/${network}/vergaderingen/${meetingId}`
}

/**
 * How many invitation mails the step queued, when it queued any (they go out from the mail outbox;
 * one that keeps failing is shown to the platform administrator on /beheer/mails).
 */
function notifiedOf(result: object) {
  return 'notified' in result ? (result.notified as { queued: number } | undefined) : undefined
}

/** After publishing: whether invitations go out, or there was nobody to mail yet. */
function publishedFlash(result: object) {
  return notifiedOf(result)?.queued ? 'meetingPublished' : 'meetingPublishedNoMail'
}

/** After cancelling: a draft was never announced, so nobody is told. */
function cancelledFlash(result: object) {
  return notifiedOf(result)?.queued ? 'meetingCancelled' : 'meetingCancelledQuiet'
}

export default function MeetingPage() {
  const { t } = useTranslation('meetings')
  const loaded = useLoaderData<typeof loader>()
  const { network, meeting, agenda, meetingDocuments, canPrepare, canRespond, reply } = loaded
  const result = useActionData<typeof action>()
  const base = meetingUrl(network.slug, meeting.id)
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/vergaderingen`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{meeting.title}</h1>
      <p className="utrecht-paragraph">
        <span className={`zwin-badge zwin-badge--${meeting.status}`}>
          {t(`status.${meeting.status}` as 'status.draft')}
        </span>
      </p>
      {meeting.status === 'cancelled' ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <p className="utrecht-paragraph">
            {t('cancelledBecause', { reason: meeting.cancelReason ?? '' })}
          </p>
        </div>
      ) : null}
      {result && 'failure' in result && result.failure ? (
        <FormError errors={[result.failure]} />
      ) : null}
      <MeetingFacts meeting={meeting} />
      <ul className="utrecht-unordered-list">
        <li>
          <a className="utrecht-link" href={`${base}/vergadering.ics`}>
            {t('links.ics')}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`${base}/agendapakket.pdf`}>
            {t('links.pack')}
          </a>
        </li>
        <li>
          <Link className="utrecht-link" to={`${base}/deelnemers`}>
            {t('links.attendance')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`${base}/verslag`}>
            {t('links.minutes')}
          </Link>
          {hasDraftMinutes(meeting) ? (
            <>
              {' '}
              <MinutesDraftLabel />
            </>
          ) : null}
        </li>
      </ul>
      {canPrepare && agendaIsOpen(meeting.status) ? (
        <TimetableCheck agenda={agenda} endsAt={meeting.endsAt} />
      ) : null}
      {canPrepare ? (
        <PrepareSection
          base={base}
          meeting={meeting}
          started={loaded.started}
          over={loaded.over}
          confirm={result && 'confirm' in result && result.confirm ? result.confirm : null}
          cancelReply={replyForIntent(result, 'cancel')}
        />
      ) : null}
      {canRespond ? (
        <RsvpSection
          reply={reply}
          suggested={loaded.suggested}
          lastResult={replyForIntent(result, 'respond')}
        />
      ) : null}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading" className="utrecht-heading-2">
          {t('agenda.title')}
        </h2>
        {agenda.length > 0 ? (
          <AgendaTable
            agenda={agenda}
            networkSlug={network.slug}
            itemLink={canPrepare ? (id) => `${base}/agenda/${id}` : undefined}
            showDecisions={loaded.started}
          />
        ) : (
          <p className="utrecht-paragraph">{t('agenda.empty')}</p>
        )}
      </section>
      {meetingDocuments.length > 0 ? (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading" className="utrecht-heading-2">
            {t('meetingDocuments')}
          </h2>
          <AttachedDocuments documents={meetingDocuments} networkSlug={network.slug} />
        </section>
      ) : null}
      <ActionList networkSlug={network.slug} meetingId={meeting.id} rows={loaded.actions} />
    </>
  )
}
