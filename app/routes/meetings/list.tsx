import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { canPrepareMeetings } from '~/modules/access/meetings.server'
import { pageParam } from '~/modules/forms/fields'
import { listMeetings } from '~/modules/meetings/queries.server'
import { BackLink, PrimaryLink } from '~/ui/links'
import { MeetingList } from '~/ui/meetings/meeting-list'
import { pageTitle } from '~/ui/meta'
import { Pager } from '~/ui/pager'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings:listHeading')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const query = new URL(request.url).searchParams
  const when = query.get('wanneer') === 'eerder' ? 'past' : 'upcoming'
  const list = await listMeetings(user, {
    networkId: access.network.id,
    when,
    page: pageParam(query.get('pagina')),
    pageSize: 20,
  })
  return { network: access.network, canPrepare: canPrepareMeetings(access), when, ...list }
}

export default function MeetingsPage() {
  const { t } = useTranslation('meetings')
  const { network, canPrepare, when, meetings, total, page, pageCount } =
    useLoaderData<typeof loader>()
  const base = `/netwerken/${network.slug}/vergaderingen`
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('listTitle', { network: network.shortName })}</h1>
      {canPrepare ? <PrimaryLink to={`${base}/nieuw`}>{t('new')}</PrimaryLink> : null}
      <nav aria-label={t('listTabs')} className="zwin-tabs">
        <ul>
          <li>
            <Link
              className="utrecht-link"
              to={base}
              aria-current={when === 'upcoming' ? 'page' : undefined}
            >
              {t('upcoming')}
            </Link>
          </li>
          <li>
            <Link
              className="utrecht-link"
              to={`${base}?wanneer=eerder`}
              aria-current={when === 'past' ? 'page' : undefined}
            >
              {t('past')}
            </Link>
          </li>
        </ul>
      </nav>
      <h2 className="utrecht-heading-2">{when === 'upcoming' ? t('upcoming') : t('past')}</h2>
      {meetings.length > 0 ? (
        <>
          <MeetingList meetings={meetings} />
          {pageCount > 1 ? <Pager page={page} pages={pageCount} total={total} /> : null}
        </>
      ) : (
        <p className="utrecht-paragraph">
          {when === 'upcoming' ? t('emptyUpcoming') : t('emptyPast')}
        </p>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/netwerken/${network.slug}/acties`}>
          {t('openActionsLink')}
        </Link>
      </p>
    </>
  )
}
