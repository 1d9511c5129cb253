import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { getConfig } from '~/modules/config/config.server'
import { documentFormOptions } from '~/modules/documents/documents.server'
import { agendaUploadTarget } from '~/modules/meetings/agenda.server'
import { documentTypes } from '~/modules/documents/types'
import { refusalInit, submitNewDocument } from '~/modules/documents/submit.server'
import { DocumentForm } from '~/ui/documents/document-form'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'

/** The server lets a multipart body (a file) reach this route only; see scripts/http/body.ts. */
export const handle = { upload: true }

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'documents:new')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const url = new URL(request.url)
  const meetingId = url.searchParams.get('vergadering')
  const itemId = url.searchParams.get('agendapunt')
  const target =
    meetingId && itemId
      ? await agendaUploadTarget(user, access.network.slug, meetingId, itemId)
      : null
  // A closed agenda takes no more documents; the form then shares the document for the network only.
  const forItem = target?.open ? target : null
  return {
    network: access.network,
    ownOrganisationId: user.organisation.id,
    options: await documentFormOptions(access),
    maxBytes: getConfig().uploadMaxBytes,
    projectId: url.searchParams.get('project') ?? '',
    // A link may suggest the kind, e.g. "verslag" from a meeting's minutes page.
    type: documentTypes.find((t) => t === url.searchParams.get('soort')) ?? 'overig',
    forItem: forItem && {
      meetingId: forItem.access.meeting.id,
      agendaItemId: forItem.itemId,
      title: forItem.title,
      url: forItem.itemUrl,
    },
  }
}

/** The form without JavaScript; with it, the same upload goes to `nieuw.json` with a progress bar. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const outcome = await submitNewDocument(request, user, access)
  if (outcome.ok) return redirect(outcome.redirectTo)
  return data(outcome.result, refusalInit(outcome))
}

export default function NewDocument() {
  const { t } = useTranslation('documents')
  const { network, ownOrganisationId, options, maxBytes, projectId, forItem, type } =
    useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/documenten`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('new')}</h1>
      <p className="utrecht-paragraph">{t('newIntro', { network: network.name })}</p>
      {forItem ? (
        <p className="utrecht-paragraph">{t('forAgendaItem', { title: forItem.title })}</p>
      ) : null}
      <DocumentForm
        lastResult={lastResult}
        options={{ ...options, ownerOrganisationId: ownOrganisationId }}
        submitLabel={t('upload.submit')}
        upload={{ url: `/netwerken/${network.slug}/documenten/nieuw.json`, maxBytes }}
        forAgendaItem={forItem ?? undefined}
        defaultValue={{
          title: '',
          description: '',
          type,
          language: 'nl',
          tags: '',
          audience: 'network',
          organisationIds: [ownOrganisationId],
          projectId,
        }}
      />
    </>
  )
}
