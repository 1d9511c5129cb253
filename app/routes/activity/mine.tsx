import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { listActivity } from '~/modules/activity/feed.server'
import { pageParam } from '~/modules/forms/fields'
import { ActivityFeed } from '~/ui/activity/activity-feed'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activity:titleAll')

/** What happened in all networks of the reader's organisation; filters and pages as a network's feed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const query = new URL(request.url).searchParams
  return listActivity(user, {
    kinds: query.getAll('soort'),
    page: pageParam(query.get('pagina')),
  })
}

export default function MyActivity() {
  const { t } = useTranslation('activity')
  const feed = useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('titleAll')}</h1>
      <p className="utrecht-paragraph">{t('introAll')}</p>
      <ActivityFeed {...feed} showNetwork />
    </>
  )
}
