import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { listActivity } from '~/modules/activity/feed.server'
import { pageParam } from '~/modules/forms/fields'
import { ActivityFeed } from '~/ui/activity/activity-feed'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? namedPageTitle(matches, data.network.shortName, 'activity:title') : namedTitle(undefined)

/** What happened in one network: `?soort=…` (repeatable) filters by kind, `?pagina=N` pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const query = new URL(request.url).searchParams
  const feed = await listActivity(user, {
    networkId: access.network.id,
    kinds: query.getAll('soort'),
    page: pageParam(query.get('pagina')),
  })
  return { network: access.network, ...feed }
}

export default function NetworkActivity() {
  const { t } = useTranslation('activity')
  const { network, ...feed } = useLoaderData<typeof loader>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('title')}</h1>
      <p className="utrecht-paragraph">{t('intro', { network: network.name })}</p>
      <ActivityFeed {...feed} showNetwork={false} />
    </>
  )
}
