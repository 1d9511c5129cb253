import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import { getConfig } from '~/modules/config/config.server'
import { requireAgendaItem, requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import {
  addAgendaItem,
  agendaItemFormErrors,
  attachDocument,
  attachableDocuments,
  detachDocument,
  moveAgendaItem,
  removeAgendaItem,
} from '~/modules/meetings/agenda.server'
import { agendaIsOpen } from '~/modules/meetings/types'
import { meetingDetail } from '~/modules/meetings/queries.server'
import { agendaItemSchema, moveSchema } from '~/modules/meetings/schema'
import { ConfirmPanel } from '~/ui/confirm'
import { FormError, replyForIntent } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { AgendaItemForm, parentChoices } from '~/ui/meetings/agenda-item-form'
import { AgendaManager, TimetableCheck } from '~/ui/meetings/agenda-manager'
import { AgendaUploads } from '~/ui/meetings/agenda-uploads'
import { ItemDocuments } from '~/ui/meetings/item-documents'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.meeting.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const [{ partners: organisations, ...detail }, attachable] = await Promise.all([
    meetingDetail(user, access, await userLocale(request, user)),
    attachableDocuments(user, access),
  ])
  // After a move the page comes back with the item and direction, so the focus can return to it.
  const query = new URL(request.url).searchParams
  const moved = detail.agenda.find((i) => i.id === query.get('verplaatst'))
  const added = detail.agenda.find((i) => i.id === query.get('toegevoegd'))
  return {
    network: access.network,
    organisations,
    attachable: attachable.filter((d) => !detail.meetingDocuments.some((a) => a.id === d.id)),
    moved: moved
      ? { id: moved.id, direction: query.get('richting') === 'omhoog' ? 'up' : 'down' }
      : null,
    added: added ? { id: added.id, number: added.number, title: added.title } : null,
    maxBytes: getConfig().uploadMaxBytes,
    ...detail,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const here = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/agenda`
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'addItem') {
    const submission = parseWithZod(formData, { schema: agendaItemSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await addAgendaItem(user, access, submission.value)
    if ('problem' in result) {
      return data(submission.reply(agendaItemFormErrors(result.problem)), { status: 400 })
    }
    // Back with the new item named: the page says where it went and gives an empty form.
    return redirect(`${here}?${new URLSearchParams({ toegevoegd: result.id })}`)
  }
  if (intent === 'move') {
    const submission = parseWithZod(formData, { schema: moveSchema })
    if (submission.status !== 'success') return data({ failure: 'unknownAction' }, { status: 400 })
    await requireAgendaItem(user, access, submission.value.id)
    const { id, direction } = submission.value
    const result = await moveAgendaItem(user, access, id, direction)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    // A redirect, so reloading the page does not move the item again.
    const richting = direction === 'up' ? 'omhoog' : 'omlaag'
    return redirect(`${here}?${new URLSearchParams({ verplaatst: id, richting })}`)
  }
  if (intent === 'attach' || intent === 'detach') {
    const id = String(formData.get('id') ?? '')
    const result =
      intent === 'attach'
        ? await attachDocument(user, access, null, id)
        : await detachDocument(user, access, null, id)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    return redirectWithFlash(here, 'saved')
  }
  if (intent === 'remove') {
    const item = await requireAgendaItem(user, access, String(formData.get('id') ?? ''))
    if (!isConfirmed(formData)) return { confirm: { intent, id: item.id, title: item.title } }
    const result = await removeAgendaItem(user, access, item.id)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    return redirectWithFlash(here, 'agendaItemRemoved')
  }
  return data({ failure: 'unknownAction' }, { status: 400 })
}

export default function AgendaPage() {
  const { t } = useTranslation('meetings')
  const {
    network,
    meeting,
    agenda,
    organisations,
    attachable,
    meetingDocuments,
    moved,
    added,
    maxBytes,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const base = `/netwerken/${network.slug}/vergaderingen/${meeting.id}`
  const open = agendaIsOpen(meeting.status)
  return (
    <>
      <BackLink to={base}>{t('manage.backToMeeting')}</BackLink>
      <h1 className="utrecht-heading-1">{t('manage.title', { title: meeting.title })}</h1>
      <p className="utrecht-paragraph">{open ? t('manage.intro') : t('manage.closedNote')}</p>
      {result && 'failure' in result && result.failure ? (
        <FormError errors={[result.failure]} />
      ) : null}
      {result && 'confirm' in result && result.confirm ? (
        <ConfirmPanel
          pending={{
            intent: 'remove',
            id: result.confirm.id,
            question: t('manage.removeQuestion', { title: result.confirm.title }),
          }}
          confirmLabel={t('manage.removeConfirm')}
        />
      ) : null}
      {agenda.length > 0 ? (
        <AgendaManager
          agenda={agenda}
          itemLink={(id) => `${base}/agenda/${id}`}
          editable={open}
          moved={moved}
        />
      ) : (
        <p className="utrecht-paragraph">{t('agenda.empty')}</p>
      )}
      <TimetableCheck agenda={agenda} endsAt={meeting.endsAt} />
      <ItemDocuments
        heading={t('meetingDocuments')}
        networkSlug={network.slug}
        documents={meetingDocuments}
        attachable={attachable}
        editable={open}
      />
      {open && agenda.length > 0 ? (
        <AgendaUploads
          networkSlug={network.slug}
          meetingId={meeting.id}
          items={agenda}
          maxBytes={maxBytes}
        />
      ) : null}
      {open ? (
        <section aria-labelledby="add-heading">
          <h2 id="add-heading" className="utrecht-heading-2">
            {t('manage.addTitle')}
          </h2>
          <p className="utrecht-paragraph">{t('manage.addHelp')}</p>
          <p role="status" className="utrecht-paragraph">
            {added ? t('manage.added', { title: added.title, number: added.number }) : ''}
          </p>
          <AgendaItemForm
            // A new form after each add: nothing of the previous item (its parent, its explanation) is
            // carried into the next one.
            key={added?.id ?? 'new'}
            focusTitle={Boolean(added)}
            intent="addItem"
            lastResult={replyForIntent(result, 'addItem')}
            organisations={organisations}
            parents={parentChoices(agenda)}
            defaultValue={{
              parentId: '',
              title: '',
              description: '',
              kind: 'discussion',
              presenterOrganisationId: '',
              durationMinutes: 15,
            }}
            submitLabel={t('manage.add')}
          />
        </section>
      ) : null}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={base}>
          {t('manage.backToMeeting')}
        </Link>
      </p>
    </>
  )
}
