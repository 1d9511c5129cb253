import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePlatformAdmin, requireUser } from '~/modules/access/access.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { replyWithTaken } from '~/modules/forms/unique'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { organisationSchema } from '~/modules/organisations/schema'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { OrganisationForm } from '~/ui/organisation-form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:organisations.new')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(await requireUser(request))
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await requirePlatformAdmin(user)
  const submission = parseWithZod(await request.formData(), { schema: organisationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createOrganisation(user, submission.value)
  if (!result.ok) {
    return data(
      replyWithTaken(submission, result.field, { slug: 'slug', officialCode: 'officialCode' }),
      { status: 400 },
    )
  }
  return redirectWithFlash('/beheer/organisaties', 'organisationCreated')
}

export default function NewOrganisation() {
  const { t } = useTranslation('admin')
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to="/beheer/organisaties">{t('organisations.title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('organisations.new')}</h1>
      <OrganisationForm lastResult={lastResult} submitLabel={t('organisations.create')} />
    </>
  )
}
