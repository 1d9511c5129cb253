import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { pageParam } from '~/modules/forms/fields'
import { openActionsForNetwork } from '~/modules/minutes/actions.server'
import { changeActionStatus } from '~/routes/minutes/item-intents.server'
import { LabelledSelect } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'
import { ActionTable } from '~/ui/minutes/action-table'
import { MinutesFormError } from '~/ui/minutes/problem'
import { Pager } from '~/ui/pager'

/** `?organisatie=alle` shows every organisation; without the parameter the page opens on your own. */
const ALL = 'alle'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.network.shortName, 'minutes:open.title')
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const query = new URL(request.url).searchParams
  const chosen = query.get('organisatie')
  const organisationId =
    chosen === null ? user.organisation.id : chosen === ALL ? undefined : chosen
  const list = await openActionsForNetwork(user, access, {
    organisationId,
    page: pageParam(query.get('pagina')),
  })
  return { network: access.network, ownOrganisationId: user.organisation.id, ...list }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const slug = params.network ?? ''
  // Only for people of the network, whatever the form holds: anyone else gets the page's 404.
  await requireNetworkAccess(user, slug)
  const formData = await request.formData()
  if (formData.get('intent') !== 'setActionStatus') {
    return data({ minutes: { form: 'status' as const, error: 'unknownAction' } }, { status: 400 })
  }
  return changeActionStatus(formData, user, slug, `/netwerken/${slug}/acties`)
}

export default function OpenActions() {
  const { t } = useTranslation('minutes')
  const { network, ownOrganisationId, organisations, organisation, actions, overdue, ...paging } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { pathname, search } = useLocation()
  const heading = !organisation
    ? t('open.headingAll')
    : organisation.id === ownOrganisationId
      ? t('open.headingOwn', { organisation: organisation.name })
      : t('open.headingOther', { organisation: organisation.name })
  const errors =
    result && 'minutes' in result
      ? 'reply' in result.minutes
        ? Object.values(result.minutes.reply.error ?? {}).flatMap((e) => e ?? [])
        : [result.minutes.error]
      : null
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('open.title')}</h1>
      <p className="utrecht-paragraph">{t('open.intro')}</p>
      <Form method="get" className="zwin-filters" aria-label={t('open.filterLabel')}>
        <LabelledSelect
          id="filter-organisation"
          name="organisatie"
          label={t('open.organisation')}
          defaultValue={organisation?.id ?? ALL}
          options={[
            { value: ALL, label: t('open.allOrganisations') },
            ...organisations.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          {t('open.apply')}
        </button>
      </Form>
      <h2 className="utrecht-heading-2" id="open-heading">
        {heading}
      </h2>
      <MinutesFormError errors={errors} />
      {actions.length ? (
        <>
          {overdue ? (
            <p className="utrecht-paragraph">
              <strong>{t('open.overdueCount', { count: overdue })}</strong>
            </p>
          ) : null}
          <ActionTable
            rows={actions}
            caption={t('open.caption')}
            networkSlug={network.slug}
            showStatus={false}
            redirectTo={pathname + search}
          />
          {paging.pages > 1 ? <Pager {...paging} /> : null}
        </>
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">
            {organisation
              ? t('open.emptyOrganisation', { organisation: organisation.name })
              : t('open.empty')}
          </p>
        </div>
      )}
    </>
  )
}
