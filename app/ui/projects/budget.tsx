import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  budgetCategories,
  fundingSources,
  type BudgetTotals,
  type EuShareCheck,
} from '~/modules/projects/budget'
import { budgetLineSchema } from '~/modules/projects/schema'
import { ConfirmPanel, RowAction } from '../confirm'
import { FormError, SelectField, SubmitButton, TextField } from '../form'
import { useFormatters } from '../format'
import { ScrollableTable } from '../table-wrap'

export function BudgetTotalsView({
  totals,
  euCheck,
  level = 2,
}: {
  totals: BudgetTotals
  /** The EU-share check of one project; left out where totals span projects with their own maxima. */
  euCheck?: EuShareCheck
  level?: 2 | 3
}) {
  const Heading = level === 2 ? 'h2' : 'h3'
  const { t } = useTranslation('projects')
  const { money, number } = useFormatters()
  const share = euCheck ? `${number(euCheck.sharePercent)} %` : ''
  const max = euCheck ? `${number(euCheck.maxPercent)} %` : ''
  return (
    <section aria-labelledby="budget-totals">
      <Heading id="budget-totals" className={`utrecht-heading-${level}`}>
        {t('budget.total')}: {money(totals.totalCents)}
      </Heading>
      {euCheck ? (
        <div
          className={`utrecht-alert ${euCheck.exceeded ? 'utrecht-alert--warning' : 'utrecht-alert--info'}`}
          role={euCheck.exceeded ? 'alert' : undefined}
        >
          <div>
            <p className="utrecht-paragraph">{t('budget.euCheck', { share, max })}</p>
            {euCheck.exceeded ? (
              <p className="utrecht-paragraph">
                <strong>{t('budget.euExceeded', { max })}</strong>
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="zwin-columns">
        <ScrollableTable caption={t('budget.byOrganisation')}>
          <tbody>
            {totals.byOrganisation.map((o) => (
              <tr key={o.organisationId}>
                <th scope="row">{o.organisationName}</th>
                <td className="zwin-number">{money(o.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
        <ScrollableTable caption={t('budget.bySource')}>
          <tbody>
            {fundingSources.map((s) => (
              <tr key={s}>
                <th scope="row">{t(`budget.source.${s}`)}</th>
                <td className="zwin-number">{money(totals.bySource[s])}</td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      </div>
      {totals.byYearAndSource.length ? (
        <ScrollableTable caption={t('budget.byYear')}>
          <thead>
            <tr>
              <th scope="col">{t('budget.columns.year')}</th>
              {fundingSources.map((s) => (
                <th key={s} scope="col" className="zwin-number">
                  {t(`budget.source.${s}`)}
                </th>
              ))}
              <th scope="col" className="zwin-number">
                {t('budget.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.byYearAndSource.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                {fundingSources.map((s) => (
                  <td key={s} className="zwin-number">
                    {money(y.bySource[s])}
                  </td>
                ))}
                <td className="zwin-number">{money(y.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      ) : null}
    </section>
  )
}

type Line = {
  id: string
  organisationId: string
  organisationName: string
  year: number
  category: string
  source: string
  amountCents: number
  note: string
}

export function BudgetLines({
  lines,
  ownOrganisationId,
  exportHref,
  confirm,
}: {
  lines: Line[]
  ownOrganisationId: string | null
  exportHref: string
  confirm: { intent: string; id: string; amountCents: number; year: number } | null
}) {
  const { t } = useTranslation('projects')
  const { money } = useFormatters()
  return (
    <section aria-labelledby="budget-lines">
      <h2 id="budget-lines" className="utrecht-heading-2">
        {t('budget.linesTitle')}
      </h2>
      {confirm ? (
        <ConfirmPanel
          pending={{
            ...confirm,
            question: t('budget.removeQuestion', {
              amount: money(confirm.amountCents),
              year: confirm.year,
            }),
          }}
          confirmLabel={t('budget.removeConfirm')}
        />
      ) : null}
      {lines.length === 0 ? (
        <p className="utrecht-paragraph">{t('budget.empty')}</p>
      ) : (
        <>
          <p className="zwin-actions">
            <a className="utrecht-link" href={exportHref} download>
              {t('budget.export')}
            </a>
          </p>
          <ScrollableTable caption={t('budget.linesTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('budget.columns.organisation')}</th>
                <th scope="col">{t('budget.columns.year')}</th>
                <th scope="col">{t('budget.columns.category')}</th>
                <th scope="col">{t('budget.columns.source')}</th>
                <th scope="col" className="zwin-number">
                  {t('budget.columns.amount')}
                </th>
                <th scope="col">{t('budget.columns.note')}</th>
                {ownOrganisationId ? (
                  <th scope="col">
                    <span className="zwin-visually-hidden">{t('budget.remove')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.organisationName}</td>
                  <td>{l.year}</td>
                  <td>{t(`budget.category.${l.category}` as 'budget.category.staff')}</td>
                  <td>{t(`budget.source.${l.source}` as 'budget.source.own')}</td>
                  <td className="zwin-number">{money(l.amountCents)}</td>
                  <td>{l.note}</td>
                  {ownOrganisationId ? (
                    <td>
                      {l.organisationId === ownOrganisationId ? (
                        <RowAction
                          intent="remove"
                          id={l.id}
                          label={t('budget.remove')}
                          accessibleLabel={t('budget.removeLabel', {
                            amount: money(l.amountCents),
                            year: l.year,
                          })}
                        />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </ScrollableTable>
        </>
      )}
    </section>
  )
}

export function BudgetLineForm({
  organisation,
  period,
  lastResult,
}: {
  organisation: string
  period: { from: number; to: number }
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('projects')
  const [form, fields] = useForm({
    id: 'budget-line',
    lastResult,
    defaultValue: {
      year: String(Math.min(Math.max(new Date().getFullYear(), period.from), period.to)),
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: budgetLineSchema }),
  })
  return (
    <section aria-labelledby="budget-add">
      <h2 id="budget-add" className="utrecht-heading-2">
        {t('budget.addTitle', { organisation })}
      </h2>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="addLine" />
        <TextField
          field={fields.year}
          type="number"
          label={t('budget.fields.year')}
          description={t('budget.fields.yearHelp')}
        />
        <SelectField
          field={fields.category}
          label={t('budget.fields.category')}
          options={budgetCategories.map((c) => ({ value: c, label: t(`budget.category.${c}`) }))}
        />
        <SelectField
          field={fields.source}
          label={t('budget.fields.source')}
          options={fundingSources.map((s) => ({ value: s, label: t(`budget.source.${s}`) }))}
        />
        <TextField
          field={fields.amount}
          label={t('budget.fields.amount')}
          description={t('budget.fields.amountHelp')}
        />
        <TextField field={fields.note} label={t('budget.fields.note')} />
        <SubmitButton>{t('budget.add')}</SubmitButton>
      </Form>
    </section>
  )
}
