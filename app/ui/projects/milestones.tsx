import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { milestoneSchema } from '~/modules/projects/schema'
import { ConfirmPanel, RowAction } from '../confirm'
import { FormError, SubmitButton, TextField } from '../form'
import { useFormatters } from '../format'

type Milestone = {
  id: string
  title: string
  dueDate: string
  doneAt: string | null
  state: string
}

/** The milestones as a simple timeline (in date order), with the actions an editor may take. */
export function MilestoneList({
  milestones,
  canEdit,
  lastResult,
  confirm,
}: {
  milestones: Milestone[]
  canEdit: boolean
  lastResult?: SubmissionResult<string[]>
  confirm: { intent: string; id: string; title: string } | null
}) {
  const { t } = useTranslation('projects')
  const { date } = useFormatters()
  return (
    <section aria-labelledby="mijlpalen">
      <h2 id="mijlpalen" className="utrecht-heading-2">
        {t('milestones.title')}
      </h2>
      <p className="utrecht-paragraph zwin-muted">{t('milestones.stateRule')}</p>
      {confirm ? (
        <ConfirmPanel
          pending={{
            ...confirm,
            question: t('milestones.removeQuestion', { title: confirm.title }),
          }}
          confirmLabel={t('milestones.removeConfirm')}
        />
      ) : null}
      {milestones.length === 0 ? (
        <p className="utrecht-paragraph">{t('milestones.empty')}</p>
      ) : (
        <ol className="zwin-timeline">
          {milestones.map((m) => (
            <li key={m.id} className={`zwin-timeline__item zwin-timeline__item--${m.state}`}>
              <span className="zwin-timeline__date">{date(m.dueDate)}</span>
              <span className="zwin-timeline__title">{m.title}</span>
              <span className={`zwin-badge zwin-milestone-${m.state}`}>
                {t(`milestones.state.${m.state}` as 'milestones.state.planned')}
              </span>
              {canEdit ? (
                <span className="zwin-timeline__actions">
                  {m.doneAt ? (
                    <RowAction
                      intent="reopen"
                      id={m.id}
                      label={t('milestones.reopen')}
                      accessibleLabel={t('milestones.reopenLabel', { title: m.title })}
                    />
                  ) : (
                    <RowAction
                      intent="done"
                      id={m.id}
                      label={t('milestones.markDone')}
                      accessibleLabel={t('milestones.markDoneLabel', { title: m.title })}
                    />
                  )}
                  <RowAction
                    intent="remove"
                    id={m.id}
                    label={t('milestones.remove')}
                    accessibleLabel={t('milestones.removeLabel', { title: m.title })}
                  />
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        // A new key after each added milestone gives an empty form again.
        <AddMilestoneForm key={milestones.length} lastResult={lastResult} />
      ) : null}
    </section>
  )
}

function AddMilestoneForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('projects')
  const [form, fields] = useForm({
    id: 'milestone',
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneSchema }),
  })
  return (
    <>
      <h3 className="utrecht-heading-3">{t('milestones.addTitle')}</h3>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="addMilestone" />
        <TextField field={fields.title} label={t('milestones.name')} />
        <TextField field={fields.dueDate} type="date" label={t('milestones.dueDate')} />
        <SubmitButton>{t('milestones.add')}</SubmitButton>
      </Form>
    </>
  )
}
