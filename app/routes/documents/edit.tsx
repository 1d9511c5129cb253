import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { requireDocumentManager } from '~/modules/access/documents.server'
import { documentFormOptions, updateDocumentDetails } from '~/modules/documents/documents.server'
import { canStillSee, documentEditValues } from '~/modules/documents/queries.server'
import { documentDetailsSchema } from '~/modules/documents/schema'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { DocumentForm } from '~/ui/documents/document-form'
import { BackLink } from '~/ui/links'
import { namedPageTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  namedPageTitle(matches, data?.document.title ?? '', 'documents:manage.edit')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentManager(user, params.network ?? '', params.document ?? '')
  return {
    network: access.network,
    document: { id: access.document.id, title: access.document.title },
    ownerOrganisationId: access.document.ownerOrganisationId,
    options: await documentFormOptions(access),
    values: await documentEditValues(access),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentManager(user, params.network ?? '', params.document ?? '')
  const submission = parseWithZod(await request.formData(), { schema: documentDetailsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await updateDocumentDetails(user, access, submission.value)
  if ('conflict' in result) {
    return data(submission.reply({ formErrors: ['documentConflict'] }), { status: 409 })
  }
  if ('problem' in result) {
    const errors = result.field
      ? { fieldErrors: { [result.field]: [result.problem] } }
      : { formErrors: [result.problem] }
    return data(submission.reply(errors), { status: 400 })
  }
  // A coordinator of another organisation may have left themselves out of the audience.
  const back = `/netwerken/${access.network.slug}/documenten`
  return (await canStillSee(user, access.document.id))
    ? redirectWithFlash(`${back}/${access.document.id}`, 'saved')
    : redirectWithFlash(back, 'savedNoLongerVisible')
}

export default function EditDocument() {
  const { t } = useTranslation('documents')
  const { network, document, ownerOrganisationId, options, values } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/documenten/${document.id}`}>
        {document.title}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('manage.edit')}</h1>
      <DocumentForm
        lastResult={lastResult}
        options={{ ...options, ownerOrganisationId }}
        submitLabel={t('manage.save')}
        defaultValue={{ ...values, projectId: values.projectId ?? '' }}
      />
    </>
  )
}
