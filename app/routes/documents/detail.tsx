import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { requireDocumentAccess, requireDocumentManager } from '~/modules/access/documents.server'
import { openedByOrganisations, recordDocumentAccess } from '~/modules/documents/access-log.server'
import { moveToBin } from '~/modules/documents/documents.server'
import { documentDetail, findVersion } from '~/modules/documents/queries.server'
import { withdrawVersion } from '~/modules/documents/withdraw.server'
import { BIN_DAYS } from '~/modules/documents/types'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { FormError } from '~/ui/form'
import { DocumentFacts } from '~/ui/documents/document-facts'
import { OpenedSummary } from '~/ui/documents/opened-summary'
import { VersionTable } from '~/ui/documents/version-table'
import { BackLink, PrimaryLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.document.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentAccess(user, params.network ?? '', params.document ?? '')
  const document = await documentDetail(access)
  await recordDocumentAccess(user, access.document.id, 'view', document.versions[0]?.id)
  return {
    network: {
      slug: access.network.slug,
      name: access.network.name,
      shortName: access.network.shortName,
    },
    document,
    canManage: access.canManage,
    opened: await openedByOrganisations(access),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentManager(user, params.network ?? '', params.document ?? '')
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'withdrawVersion') {
    const id = String(formData.get('id') ?? '')
    if (!isConfirmed(formData)) {
      const version = await findVersion(access, id)
      if (!version) return data({ error: 'notAllowed' }, { status: 400 })
      return { confirm: { intent, id, number: version.number, name: version.originalName } }
    }
    const result = await withdrawVersion(user, access, id)
    if ('problem' in result) {
      const error = result.problem === 'lastVersion' ? 'lastVersion' : 'notAllowed'
      return data({ error }, { status: 400 })
    }
    return redirectWithFlash(
      `/netwerken/${access.network.slug}/documenten/${access.document.id}`,
      'versionWithdrawn',
    )
  }
  if (intent !== 'bin') return data({ error: 'unknownAction' }, { status: 400 })
  if (!isConfirmed(formData)) return { confirm: { intent: 'bin', id: access.document.id } }
  await moveToBin(user, access)
  return redirectWithFlash(`/netwerken/${access.network.slug}/documenten`, 'documentBinned')
}

export default function DocumentPage() {
  const { t } = useTranslation('documents')
  const { network, document, canManage, opened } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const base = `/netwerken/${network.slug}/documenten/${document.id}`
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/documenten`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{document.title}</h1>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {result && 'confirm' in result ? (
        'number' in result.confirm ? (
          <ConfirmPanel
            pending={{
              ...result.confirm,
              question: t('version.withdrawQuestion', {
                number: result.confirm.number,
                name: result.confirm.name,
              }),
            }}
            confirmLabel={t('version.withdrawConfirm')}
          />
        ) : (
          <ConfirmPanel
            pending={{
              ...result.confirm,
              question: t('bin.question', { title: document.title, days: BIN_DAYS }),
            }}
            confirmLabel={t('bin.confirm')}
          />
        )
      ) : null}
      <DocumentFacts document={document} networkSlug={network.slug} networkName={network.name} />
      {document.versions[0] ? (
        <PrimaryLink to={`${base}/versies/${document.versions[0].id}/download`} reloadDocument>
          {t('download', { name: document.versions[0].originalName })}
        </PrimaryLink>
      ) : null}
      <VersionTable versions={document.versions} base={base} canWithdraw={canManage} />
      {canManage ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading" className="utrecht-heading-2">
            {t('manage.title')}
          </h2>
          <ul className="utrecht-unordered-list">
            <li>
              <Link className="utrecht-link" to={`${base}/nieuwe-versie`}>
                {t('version.title')}
              </Link>
            </li>
            <li>
              <Link className="utrecht-link" to={`${base}/bewerken`}>
                {t('manage.edit')}
              </Link>
            </li>
          </ul>
          <RowAction intent="bin" label={t('bin.action')} />
        </section>
      ) : null}
      {opened ? <OpenedSummary opened={opened} /> : null}
    </>
  )
}
