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
import { createNetwork } from '~/modules/networks/admin.server'
import { networkSchema } from '~/modules/networks/schema'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { NetworkForm } from '~/ui/network-form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:networks.new')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(await requireUser(request))
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await requirePlatformAdmin(user)
  const submission = parseWithZod(await request.formData(), { schema: networkSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createNetwork(user, submission.value)
  if (!result.ok)
    return data(replyWithTaken(submission, result.field, { slug: 'slug' }), { status: 400 })
  return redirectWithFlash(`/beheer/netwerken/${result.slug}`, 'networkCreated')
}

export default function NewNetwork() {
  const { t } = useTranslation('admin')
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to="/beheer/netwerken">{t('networks.title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('networks.new')}</h1>
      <NetworkForm lastResult={lastResult} submitLabel={t('networks.create')} />
    </>
  )
}
