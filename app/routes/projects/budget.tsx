import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import {
  requireProjectAccess,
  requireProjectParticipant,
  requireUser,
} from '~/modules/access/access.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { addBudgetLine, getBudget, removeBudgetLine } from '~/modules/projects/budget.server'
import { budgetLineSchema } from '~/modules/projects/schema'
import { FormError } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'
import { BudgetLines, BudgetLineForm, BudgetTotalsView } from '~/ui/projects/budget'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.project.title, 'projects:budget.title')
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireProjectAccess(user, params.network ?? '', params.project ?? '')
  const budget = await getBudget(access)
  return {
    network: access.network,
    project: access.project,
    isParticipant: access.isParticipant,
    ownOrganisation: { id: user.organisation.id, name: user.organisation.name },
    ...budget,
  }
}

const removeSchema = z.strictObject({
  intent: z.literal('remove'),
  id: z.string().min(1).max(40),
  confirmed: z.literal('yes').optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireProjectParticipant(user, params.network ?? '', params.project ?? '')
  const back = `/netwerken/${access.network.slug}/projecten/${access.project.id}/begroting`
  const formData = await request.formData()
  if (formData.get('intent') === 'remove') {
    const parsed = removeSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) return data({ error: 'notAllowed' as const }, { status: 400 })
    if (!isConfirmed(formData)) {
      const line = (await getBudget(access)).lines.find(
        (l) => l.id === parsed.data.id && l.organisationId === user.organisation.id,
      )
      if (!line) return data({ error: 'notAllowed' as const }, { status: 400 })
      return {
        confirm: { intent: 'remove', id: line.id, amountCents: line.amountCents, year: line.year },
      }
    }
    const result = await removeBudgetLine(user, access, parsed.data.id)
    if (result !== 'ok') return data({ error: result }, { status: 400 })
    return redirect(back)
  }
  const submission = parseWithZod(formData, { schema: budgetLineSchema })
  if (submission.status !== 'success') return data({ line: submission.reply() }, { status: 400 })
  const result = await addBudgetLine(user, access, submission.value)
  if (result !== 'ok') {
    const reply =
      result === 'yearOutsidePeriod'
        ? submission.reply({ fieldErrors: { year: [result] } })
        : submission.reply({ formErrors: [result] })
    return data({ line: reply }, { status: 400 })
  }
  return redirect(back)
}

export default function BudgetPage() {
  const { t } = useTranslation('projects')
  const loaded = useLoaderData<typeof loader>()
  const { network, project, isParticipant, ownOrganisation, lines, totals, euCheck, period } =
    loaded
  const result = useActionData<typeof action>()
  const base = `/netwerken/${network.slug}/projecten/${project.id}`
  return (
    <>
      <BackLink to={base}>{project.title}</BackLink>
      <h1 className="utrecht-heading-1">{t('budget.title')}</h1>
      <p className="utrecht-paragraph">{t('budget.intro')}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      <BudgetTotalsView totals={totals} euCheck={euCheck} />
      <BudgetLines
        lines={lines}
        ownOrganisationId={isParticipant ? ownOrganisation.id : null}
        exportHref={`${base}/begroting.csv`}
        confirm={result && 'confirm' in result ? result.confirm : null}
      />
      {isParticipant ? (
        <BudgetLineForm
          key={lines.length}
          organisation={ownOrganisation.name}
          period={period}
          lastResult={result && 'line' in result ? result.line : undefined}
        />
      ) : (
        <p className="utrecht-paragraph zwin-muted">{t('budget.notParticipant')}</p>
      )}
    </>
  )
}
