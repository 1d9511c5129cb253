import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { requireBinnedDocument } from '~/modules/access/documents.server'
import { restoreFromBin } from '~/modules/documents/documents.server'
import { listBin } from '~/modules/documents/queries.server'
import { BIN_DAYS } from '~/modules/documents/types'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { RowAction } from '~/ui/confirm'
import { useFormatters } from '~/ui/format'
import { FormError } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedTitle, pageTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'documents:bin.title', { network: data.network.shortName })
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  return { network: access.network, documents: await listBin(user, access) }
}

const restoreSchema = z.strictObject({
  intent: z.literal('restore'),
  id: z.string().min(1).max(40),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  // Outside the network a post gets the 404 of an unknown address, whatever the form holds.
  await requireNetworkAccess(user, params.network ?? '')
  const parsed = restoreSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: 'unknownAction' }, { status: 400 })
  const access = await requireBinnedDocument(user, params.network ?? '', parsed.data.id)
  await restoreFromBin(user, access.document)
  return redirectWithFlash(
    `/netwerken/${access.network.slug}/documenten/${access.document.id}`,
    'documentRestored',
  )
}

export default function Bin() {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  const { network, documents } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/documenten`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('bin.title', { network: network.shortName })}</h1>
      <p className="utrecht-paragraph">{t('bin.intro', { days: BIN_DAYS })}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {documents.length ? (
        <ScrollableTable caption={t('bin.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('fields.title')}</th>
              <th scope="col">{t('fields.owner')}</th>
              <th scope="col">{t('bin.deletedAt')}</th>
              <th scope="col">{t('bin.purgeAt')}</th>
              <th scope="col">
                <span className="zwin-visually-hidden">{t('bin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <td>{d.title}</td>
                <td>{d.ownerOrganisation.name}</td>
                <td>
                  {d.deletedAt ? f.dateTime(d.deletedAt) : ''}
                  {d.deletedBy ? ` (${d.deletedBy.name})` : ''}
                </td>
                <td>{f.date(d.purgeAt)}</td>
                <td>
                  <RowAction
                    intent="restore"
                    id={d.id}
                    label={t('bin.restore')}
                    accessibleLabel={t('bin.restoreLabel', { title: d.title })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('bin.empty')}</p>
        </div>
      )}
    </>
  )
}
