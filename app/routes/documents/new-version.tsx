import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { requireDocumentManager } from '~/modules/access/documents.server'
import { getConfig } from '~/modules/config/config.server'
import { refusalInit, submitNewVersion } from '~/modules/documents/submit.server'
import { NewVersionForm } from '~/ui/documents/document-form'
import { BackLink } from '~/ui/links'
import { namedPageTitle } from '~/ui/meta'

/** The server lets a multipart body (a file) reach this route only; see scripts/http/body.ts. */
export const handle = { upload: true }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  namedPageTitle(matches, data?.document.title ?? '', 'documents:version.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentManager(user, params.network ?? '', params.document ?? '')
  return {
    network: access.network,
    document: { id: access.document.id, title: access.document.title },
    maxBytes: getConfig().uploadMaxBytes,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentManager(user, params.network ?? '', params.document ?? '')
  const outcome = await submitNewVersion(request, user, access)
  if (outcome.ok) return redirect(outcome.redirectTo)
  return data(outcome.result, refusalInit(outcome))
}

export default function NewVersion() {
  const { t } = useTranslation('documents')
  const { network, document, maxBytes } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const base = `/netwerken/${network.slug}/documenten/${document.id}`
  return (
    <>
      <BackLink to={base}>{document.title}</BackLink>
      <h1 className="utrecht-heading-1">{t('version.title')}</h1>
      <p className="utrecht-paragraph">{t('version.intro', { title: document.title })}</p>
      <NewVersionForm
        lastResult={lastResult}
        upload={{ url: `${base}/nieuwe-versie.json`, maxBytes }}
      />
    </>
  )
}
