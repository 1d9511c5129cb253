import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { dateLocale } from '~/i18n/config'
import { dateTimeFormat } from '~/i18n/intl'
import { requireUser } from '~/modules/access/access.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import {
  deliveries,
  deliveryFor,
  digestHours,
  INHERIT,
  notificationKinds,
  preferencesSchema,
  weekdays,
  type NotificationKind,
} from '~/modules/notifications/preferences'
import {
  loadPreferences,
  preferenceNetworks,
  savePreferences,
} from '~/modules/notifications/preferences.server'
import { FormError, SelectField, SubmitButton } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

/*
 * /profiel/meldingen: which notification mails someone gets, per kind, for all networks and per network
 * (app/modules/notifications/preferences.ts). One form, plain selects: it works without JavaScript and
 * stacks on a small screen. Invitations may be turned off like any kind (every mail has a one-click
 * unsubscribe, RFC 8058, and it must work for invitations too); the page says what is then missed.
 */

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, 'notifications:preferences.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [prefs, networks] = await Promise.all([loadPreferences(user.id), preferenceNetworks(user)])
  const all = Object.fromEntries(
    notificationKinds.map((k) => [k, deliveryFor(prefs.rows, k, null)]),
  )
  return {
    digestHour: prefs.digestHour,
    digestWeekday: prefs.digestWeekday,
    all,
    networks: networks.map((n) => ({
      id: n.id,
      name: n.name,
      choices: Object.fromEntries(
        notificationKinds.map((k) => [
          k,
          prefs.rows.find((r) => r.kind === k && r.networkId === n.id)?.delivery ?? INHERIT,
        ]),
      ),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const submission = parseWithZod(await request.formData(), { schema: preferencesSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await savePreferences(user, submission.value)
  return redirectWithFlash('/profiel/meldingen', 'saved')
}

export default function NotificationPreferencesPage() {
  const { t, i18n } = useTranslation('notifications')
  const { t: tc } = useTranslation()
  const page = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'notification-preferences',
    lastResult,
    defaultValue: {
      digestHour: String(page.digestHour),
      digestWeekday: String(page.digestWeekday),
    },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: preferencesSchema }),
  })
  const weekdayName = dateTimeFormat(dateLocale(i18n.language), {
    weekday: 'long',
    timeZone: 'UTC',
  })
  // 2024-01-01 was a Monday: day d of the week (1 = Monday) is 2024-01-0d.
  const weekdayOptions = weekdays.map((d) => ({
    value: String(d),
    label: weekdayName.format(new Date(Date.UTC(2024, 0, d))),
  }))
  const hourOptions = digestHours.map((h) => ({
    value: String(h),
    label: t('preferences.hour', { hour: String(h).padStart(2, '0') }),
  }))
  const kindLabel = (kind: NotificationKind) => t(`kinds.${kind}`)
  return (
    <>
      <h1 className="utrecht-heading-1">{t('preferences.title')}</h1>
      <p className="utrecht-paragraph">{t('preferences.intro')}</p>
      <Form method="post" className="zwin-form" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        <fieldset className="utrecht-form-fieldset zwin-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('preferences.allTitle')}</legend>
          {notificationKinds.map((kind) => (
            <DeliverySelect
              key={kind}
              id={`all-${kind}`}
              name={`all.${kind}`}
              label={kindLabel(kind)}
              defaultValue={page.all[kind]!}
              choices={deliveries}
              help={kind === 'invitations' ? t('preferences.invitationsOff') : undefined}
            />
          ))}
        </fieldset>
        <fieldset className="utrecht-form-fieldset zwin-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('preferences.digestTitle')}</legend>
          <SelectField
            field={fields.digestHour}
            label={t('preferences.digestHour')}
            description={t('preferences.digestHourHelp')}
            options={hourOptions}
          />
          <SelectField
            field={fields.digestWeekday}
            label={t('preferences.digestWeekday')}
            description={t('preferences.digestWeekdayHelp')}
            options={weekdayOptions}
          />
        </fieldset>
        <section aria-labelledby="preferences-networks">
          <h2 id="preferences-networks" className="utrecht-heading-2">
            {t('preferences.networksTitle')}
          </h2>
          {page.networks.length === 0 ? (
            <p className="utrecht-paragraph">{t('preferences.noNetworks')}</p>
          ) : (
            <>
              <p className="utrecht-paragraph">{t('preferences.networksIntro')}</p>
              {page.networks.map((network) => {
                const own = Object.values(network.choices).filter((c) => c !== INHERIT).length
                return (
                  <details key={network.id} className="zwin-details" open={own > 0}>
                    <summary>
                      {network.name}
                      {own > 0 ? ` (${t('preferences.ownChoices', { count: own })})` : null}
                    </summary>
                    <fieldset className="utrecht-form-fieldset zwin-fieldset">
                      <legend className="utrecht-form-fieldset__legend">{network.name}</legend>
                      {notificationKinds.map((kind) => (
                        <DeliverySelect
                          key={kind}
                          id={`network-${network.id}-${kind}`}
                          name={`networks.${network.id}.${kind}`}
                          label={kindLabel(kind)}
                          defaultValue={network.choices[kind]!}
                          choices={[INHERIT, ...deliveries]}
                        />
                      ))}
                    </fieldset>
                  </details>
                )
              })}
            </>
          )}
        </section>
        <SubmitButton>{tc('actions.save')}</SubmitButton>
      </Form>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/profiel">
          {t('preferences.back')}
        </Link>
      </p>
    </>
  )
}

function DeliverySelect({
  id,
  name,
  label,
  defaultValue,
  choices,
  help,
}: {
  id: string
  name: string
  label: string
  defaultValue: string
  choices: readonly string[]
  help?: string
}) {
  const { t } = useTranslation('notifications')
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      {help ? (
        <p id={`${id}-help`} className="utrecht-form-field-description">
          {help}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={help ? `${id}-help` : undefined}
        className="utrecht-select utrecht-select--html-select"
      >
        {choices.map((c) => (
          <option key={c} value={c}>
            {t(`delivery.${c}` as 'delivery.off')}
          </option>
        ))}
      </select>
    </div>
  )
}
