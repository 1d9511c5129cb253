import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import { requireAgendaItem, requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import {
  agendaItemFormErrors,
  attachDocument,
  attachableDocuments,
  detachDocument,
  updateAgendaItem,
} from '~/modules/meetings/agenda.server'
import { agendaIsOpen } from '~/modules/meetings/types'
import { agendaItemDetail } from '~/modules/meetings/queries.server'
import { agendaItemSchema } from '~/modules/meetings/schema'
import { itemMinutesData } from '~/modules/minutes/item.server'
import { handleItemMinutesIntent } from '~/routes/minutes/item-intents.server'
import { FormError, replyForIntent } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { AgendaItemForm, parentChoices } from '~/ui/meetings/agenda-item-form'
import { ItemDocuments } from '~/ui/meetings/item-documents'
import { namedTitle } from '~/ui/meta'
import { ItemDecision } from '~/ui/minutes/item-decision'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.item.title)

async function itemAccess(request: Request, params: LoaderFunctionArgs['params']) {
  const user = await requireUser(request)
  const access = await requireMeetingPreparer(user, params.network ?? '', params.meeting ?? '')
  const item = await requireAgendaItem(user, access, params.item ?? '')
  return { user, access, item }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, item } = await itemAccess(request, params)
  const [detail, attachable, minutes] = await Promise.all([
    agendaItemDetail(user, access, item.id, await userLocale(request, user)),
    attachableDocuments(user, access),
    itemMinutesData(user, access, item.id),
  ])
  return {
    network: { slug: access.network.slug, shortName: access.network.shortName },
    meeting: detail.meeting,
    item: detail.item,
    parents: parentChoices(detail.agenda, detail.item.id),
    organisations: detail.partners,
    attachable: attachable.filter((d) => !detail.item.documents.some((a) => a.id === d.id)),
    minutes,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, access, item } = await itemAccess(request, params)
  const here = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/agenda/${item.id}`
  const formData = await request.formData()
  const minutes = await handleItemMinutesIntent(formData, user, access, item.id)
  if (minutes) return minutes
  const intent = formData.get('intent')
  if (intent === 'saveItem') {
    const submission = parseWithZod(formData, { schema: agendaItemSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await updateAgendaItem(user, access, item.id, submission.value)
    if ('problem' in result) {
      return data(submission.reply(agendaItemFormErrors(result.problem)), { status: 400 })
    }
    return redirectWithFlash(here, 'saved')
  }
  if (intent === 'attach' || intent === 'detach') {
    const id = String(formData.get('id') ?? '')
    const result =
      intent === 'attach'
        ? await attachDocument(user, access, item.id, id)
        : await detachDocument(user, access, item.id, id)
    if ('problem' in result) return data({ failure: result.problem }, { status: 400 })
    return redirectWithFlash(here, 'saved')
  }
  return data({ failure: 'unknownAction' }, { status: 400 })
}

export default function AgendaItemPage() {
  const { t } = useTranslation('meetings')
  const { network, meeting, item, parents, organisations, attachable, minutes } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const base = `/netwerken/${network.slug}/vergaderingen/${meeting.id}`
  const open = agendaIsOpen(meeting.status)
  return (
    <>
      <BackLink to={`${base}/agenda`}>{t('manage.title', { title: meeting.title })}</BackLink>
      <h1 className="utrecht-heading-1">
        {t('item.title', { number: item.number, title: item.title })}
      </h1>
      {result && 'failure' in result && result.failure ? (
        <FormError errors={[result.failure]} />
      ) : null}
      <ItemDocuments
        heading={t('item.documents')}
        networkSlug={network.slug}
        uploadUrl={`/netwerken/${network.slug}/documenten/nieuw?vergadering=${meeting.id}&agendapunt=${item.id}`}
        documents={item.documents}
        attachable={attachable}
        editable={open}
      />
      <ItemDecision networkSlug={network.slug} minutes={minutes} actionData={result} />
      {open ? (
        <section aria-labelledby="details-heading">
          <h2 id="details-heading" className="utrecht-heading-2">
            {t('item.details')}
          </h2>
          <AgendaItemForm
            intent="saveItem"
            lastResult={replyForIntent(result, 'saveItem')}
            organisations={organisations}
            parents={parents}
            defaultValue={{
              parentId: item.parentId ?? '',
              title: item.title,
              description: item.description,
              kind: item.kind,
              presenterOrganisationId: item.presenterOrganisationId ?? '',
              durationMinutes: item.durationMinutes,
            }}
            submitLabel={t('item.save')}
          />
        </section>
      ) : null}
    </>
  )
}
