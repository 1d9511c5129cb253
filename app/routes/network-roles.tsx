import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireNetworkRole, requireUser } from '~/modules/access/access.server'
import { networkRoles } from '~/modules/access/roles'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { grantRole, listRoleHolders, withdrawRole } from '~/modules/networks/roles.server'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { FormError, LabelledSelect } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  namedTitle(data ? `${data.network.name}` : undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkRole(user, params.network ?? '', ['coordinator'])
  return { network: access.network, people: await listRoleHolders(access) }
}

const grantSchema = z.object({
  userId: z.string().min(1, 'choose').max(40),
  role: z.enum(networkRoles, { error: 'choose' }),
})
const withdrawSchema = z.object({ id: z.string().min(1).max(40) })

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkRole(user, params.network ?? '', ['coordinator'])
  const formData = await request.formData()
  const back = `/netwerken/${access.network.slug}/rollen`
  if (formData.get('intent') === 'withdraw') {
    const parsed = withdrawSchema.safeParse({ id: formData.get('id') })
    if (!parsed.success) return data({ error: 'notAllowed' as const }, { status: 400 })
    if (!isConfirmed(formData)) {
      const holder = (await listRoleHolders(access))
        .flatMap((p) => p.roles.map((r) => ({ ...r, name: p.name })))
        .find((r) => r.id === parsed.data.id)
      if (!holder) return data({ error: 'notAllowed' as const }, { status: 400 })
      return {
        confirm: { intent: 'withdraw', id: holder.id, name: holder.name, role: holder.role },
      }
    }
    const result = await withdrawRole(user, access, parsed.data.id)
    if (result !== 'ok') return data({ error: result }, { status: 400 })
    return redirectWithFlash(back, 'roleWithdrawn')
  }
  const parsed = grantSchema.safeParse({
    userId: formData.get('userId'),
    role: formData.get('role'),
  })
  if (!parsed.success) return data({ error: 'choose' as const }, { status: 400 })
  const result = await grantRole(user, access, parsed.data.userId, parsed.data.role)
  if (result !== 'ok')
    return data({ error: result === 'exists' ? ('roleExists' as const) : result }, { status: 400 })
  return redirectWithFlash(back, 'roleGranted')
}

export default function NetworkRolesPage() {
  const { t } = useTranslation()
  const { network, people } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const roleName = (r: string) => t(`network.role.${r}` as 'network.role.coordinator')
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 id="roles-title" className="utrecht-heading-1">
        {t('roles.title', { network: network.shortName })}
      </h1>
      <p className="utrecht-paragraph">{t('roles.intro')}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {result && 'confirm' in result ? (
        <ConfirmPanel
          pending={{
            ...result.confirm,
            question: t('roles.withdrawQuestion', {
              name: result.confirm.name,
              role: roleName(result.confirm.role),
            }),
          }}
          confirmLabel={t('roles.withdrawConfirm')}
        />
      ) : null}
      <ScrollableTable labelledBy="roles-title">
        <thead>
          <tr>
            <th scope="col">{t('fields.name')}</th>
            <th scope="col">{t('fields.organisation')}</th>
            <th scope="col">{t('roles.roles')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.organisation}</td>
              <td>
                {p.roles.length === 0 ? (
                  <span className="zwin-muted">{t('network.role.member')}</span>
                ) : null}
                {p.roles.map((r) => (
                  <span key={r.id} className="zwin-role">
                    {roleName(r.role)}{' '}
                    <RowAction
                      intent="withdraw"
                      id={r.id}
                      label={t('roles.withdraw')}
                      accessibleLabel={t('roles.withdrawLabel', {
                        name: p.name,
                        role: roleName(r.role),
                      })}
                    />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
      <h2 className="utrecht-heading-2">{t('roles.grantTitle')}</h2>
      <Form method="post" className="zwin-form">
        <input type="hidden" name="intent" value="grant" />
        <LabelledSelect
          id="grant-user"
          name="userId"
          label={t('roles.person')}
          placeholder={t('roles.choosePerson')}
          required
          options={people.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation})` }))}
        />
        <LabelledSelect
          id="grant-role"
          name="role"
          label={t('roles.role')}
          required
          options={networkRoles.map((r) => ({ value: r, label: roleName(r) }))}
        />
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t('roles.grant')}
        </button>
      </Form>
    </>
  )
}
