import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/modules/access/access.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { replyWithTaken } from '~/modules/forms/unique'
import {
  addMembership,
  endMembership,
  getNetworkForAdmin,
  updateNetwork,
} from '~/modules/networks/admin.server'
import { networkSchema } from '~/modules/networks/schema'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { useFormatters } from '~/ui/format'
import { BackLink } from '~/ui/links'
import { FormError, LabelledSelect } from '~/ui/form'
import { namedTitle } from '~/ui/meta'
import { NetworkForm } from '~/ui/network-form'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.network.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  return getNetworkForAdmin(await requireUser(request), params.network ?? '')
}

const memberSchema = z.object({ id: z.string().min(1).max(40) })

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const slug = params.network ?? ''
  const { network, members } = await getNetworkForAdmin(user, slug)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'add' || intent === 'end') {
    const parsed = memberSchema.safeParse({ id: formData.get('id') })
    if (!parsed.success) return data({ membership: 'choose' as const }, { status: 400 })
    if (intent === 'end' && !isConfirmed(formData)) {
      const member = members.find((m) => m.membershipId === parsed.data.id)
      if (!member) return data({ membership: 'notAllowed' as const }, { status: 400 })
      return { confirm: { intent: 'end', id: parsed.data.id, organisation: member.name } }
    }
    const result =
      intent === 'add'
        ? await addMembership(user, slug, parsed.data.id)
        : await endMembership(user, slug, parsed.data.id)
    if (result !== 'ok') return data({ membership: result }, { status: 400 })
    return redirectWithFlash(
      `/beheer/netwerken/${network.slug}`,
      intent === 'add' ? 'membershipAdded' : 'membershipEnded',
    )
  }
  const submission = parseWithZod(formData, { schema: networkSchema })
  if (submission.status !== 'success') return data({ details: submission.reply() }, { status: 400 })
  const result = await updateNetwork(user, slug, submission.value)
  if (!result.ok)
    return data(
      { details: replyWithTaken(submission, result.field, { slug: 'slug' }) },
      { status: 400 },
    )
  return redirectWithFlash(`/beheer/netwerken/${result.slug}`, 'saved')
}

export default function EditNetwork() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation()
  const { network, members, candidates } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { date } = useFormatters()
  const confirm = result && 'confirm' in result ? result.confirm : null
  const membershipError = result && 'membership' in result ? result.membership : null
  return (
    <>
      <BackLink to="/beheer/netwerken">{t('networks.title')}</BackLink>
      <h1 className="utrecht-heading-1">{network.name}</h1>
      <NetworkForm
        key={network.slug}
        lastResult={result && 'details' in result ? result.details : undefined}
        defaultValue={network}
        submitLabel={t('actions.save')}
      />

      <h2 className="utrecht-heading-2" id="members">
        {t('networks.membersTitle')}
      </h2>
      {confirm ? (
        <ConfirmPanel
          pending={{
            ...confirm,
            question: t('networks.endQuestion', {
              organisation: confirm.organisation,
              network: network.name,
            }),
          }}
          confirmLabel={t('networks.endConfirm')}
        />
      ) : null}
      {membershipError ? <FormError errors={[membershipError]} /> : null}
      {members.length ? (
        <ScrollableTable labelledBy="members">
          <thead>
            <tr>
              <th scope="col">{t('fields.organisation')}</th>
              <th scope="col">{t('fields.country')}</th>
              <th scope="col">{t('networks.since')}</th>
              <th scope="col">
                <span className="zwin-visually-hidden">{t('fields.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.membershipId}>
                <td>{m.name}</td>
                <td>{tc(`country.${m.country}` as 'country.NL')}</td>
                <td>{date(m.since)}</td>
                <td>
                  <RowAction
                    intent="end"
                    id={m.membershipId}
                    label={t('networks.end')}
                    accessibleLabel={t('networks.endLabel', { organisation: m.name })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      ) : (
        <p className="utrecht-paragraph">{t('networks.noMembers')}</p>
      )}
      {candidates.length ? (
        <Form method="post" className="zwin-form">
          <input type="hidden" name="intent" value="add" />
          <LabelledSelect
            id="add-member"
            name="id"
            label={t('networks.addLabel')}
            placeholder={t('networks.choose')}
            required
            options={candidates.map((c) => ({
              value: c.id,
              label: `${c.name} (${tc(`country.${c.country}` as 'country.NL')})`,
            }))}
          />
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('networks.add')}
          </button>
        </Form>
      ) : null}
    </>
  )
}
