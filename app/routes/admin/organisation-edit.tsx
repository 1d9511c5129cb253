import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { replyWithTaken } from '~/modules/forms/unique'
import { getOrganisation, updateOrganisation } from '~/modules/organisations/organisations.server'
import { organisationSchema } from '~/modules/organisations/schema'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'
import { OrganisationForm } from '~/ui/organisation-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.organisation.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = await getOrganisation(await requireUser(request), params.organisation ?? '')
  return { organisation }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await getOrganisation(user, params.organisation ?? '')
  const submission = parseWithZod(await request.formData(), { schema: organisationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await updateOrganisation(user, params.organisation ?? '', submission.value)
  if (!result.ok) {
    return data(
      replyWithTaken(submission, result.field, { slug: 'slug', officialCode: 'officialCode' }),
      { status: 400 },
    )
  }
  return redirectWithFlash(`/beheer/organisaties/${result.slug}`, 'saved')
}

export default function EditOrganisation() {
  const { t } = useTranslation('admin')
  const { organisation } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to="/beheer/organisaties">{t('organisations.title')}</BackLink>
      <h1 className="utrecht-heading-1">{organisation.name}</h1>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/beheer/organisaties/${organisation.slug}/inloggen`}>
          {t('signIn.title')}
        </Link>
      </p>
      <OrganisationForm
        key={organisation.slug}
        lastResult={lastResult}
        defaultValue={organisation}
        submitLabel={t('actions.save')}
      />
    </>
  )
}
