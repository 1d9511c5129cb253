import type { LoaderFunctionArgs } from '@remix-run/node'
import { plainTranslator } from '~/i18n/translate'
import { userLocale } from '~/i18n/i18n.server'
import { requireProjectAccess, requireUser } from '~/modules/access/access.server'
import { budgetCategories, fundingSources } from '~/modules/projects/budget'
import { getBudget } from '~/modules/projects/budget.server'
import { downloadHeaders } from '~/modules/files/download'
import { budgetCsv } from '~/modules/projects/csv'

/** The budget lines as a CSV file that Dutch and Flemish Excel open with the accents intact. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireProjectAccess(user, params.network ?? '', params.project ?? '')
  const locale = await userLocale(request, user)
  const t = plainTranslator(locale)
  const { lines } = await getBudget(access)
  const body = budgetCsv(
    lines,
    {
      headers: ['organisation', 'year', 'category', 'source', 'amount', 'note'].map((c) =>
        t(`projects:budget.columns.${c}`),
      ),
      category: Object.fromEntries(
        budgetCategories.map((c) => [c, t(`projects:budget.category.${c}`)]),
      ),
      source: Object.fromEntries(fundingSources.map((s) => [s, t(`projects:budget.source.${s}`)])),
    },
    locale,
  )
  return new Response(Buffer.from(body), {
    headers: downloadHeaders(
      `${t('projects:budget.title')} – ${access.project.title}.csv`,
      'text/csv; charset=utf-8',
    ),
  })
}
