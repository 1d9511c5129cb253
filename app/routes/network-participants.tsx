import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { canPrepareMeetings, requireMeetingCreator } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { participantFunctions } from '~/modules/networks/participant-functions'
import {
  addParticipant,
  participantCandidates,
  removeParticipant,
  standingParticipants,
} from '~/modules/networks/participants.server'
import { FormError, LabelledSelect } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.network.shortName, 'participants.title')
    : namedTitle(undefined)

/** Every member sees who attends the network's meetings; its preparers keep the list. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const canManage = canPrepareMeetings(access)
  const [participants, candidates] = await Promise.all([
    standingParticipants(access),
    canManage ? participantCandidates(access) : [],
  ])
  return {
    network: {
      slug: access.network.slug,
      name: access.network.name,
      shortName: access.network.shortName,
    },
    canManage,
    participants,
    candidates,
  }
}

const addSchema = z.object({
  userId: z.string().min(1).max(40),
  function: z.enum(participantFunctions),
})
const removeSchema = z.object({ userId: z.string().min(1).max(40) })

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingCreator(user, params.network ?? '')
  const formData = await request.formData()
  const back = `/netwerken/${access.network.slug}/vaste-deelnemers`
  if (formData.get('intent') === 'remove') {
    const parsed = removeSchema.safeParse({ userId: formData.get('userId') })
    if (!parsed.success) return data({ error: 'choose' as const }, { status: 400 })
    await removeParticipant(user, access, parsed.data.userId)
    return redirectWithFlash(back, 'saved')
  }
  if (formData.get('intent') !== 'add')
    return data({ error: 'unknownAction' as const }, { status: 400 })
  const parsed = addSchema.safeParse({
    userId: formData.get('userId'),
    function: formData.get('function'),
  })
  if (!parsed.success) return data({ error: 'choose' as const }, { status: 400 })
  const result = await addParticipant(user, access, parsed.data)
  if ('problem' in result) return data({ error: result.problem }, { status: 400 })
  return redirectWithFlash(back, 'saved')
}

export default function NetworkParticipantsPage() {
  const { t } = useTranslation()
  const { network, canManage, participants, candidates } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const functionName = (f: string) =>
    t(`participants.function.${f}` as 'participants.function.mayor')
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">
        {t('participants.heading', { network: network.shortName })}
      </h1>
      <p className="utrecht-paragraph">{t('participants.intro')}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {participants.length === 0 ? (
        <p className="utrecht-paragraph">{t('participants.empty')}</p>
      ) : (
        <ScrollableTable caption={t('participants.caption', { count: participants.length })}>
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.organisation')}</th>
              <th scope="col">{t('participants.functionLabel')}</th>
              {canManage ? <th scope="col">{t('participants.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.userId}>
                <td>{p.name}</td>
                <td>{p.organisation.name}</td>
                <td>{functionName(p.function)}</td>
                {canManage ? (
                  <td>
                    <Form method="post" className="zwin-inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={p.userId} />
                      <button
                        type="submit"
                        className="utrecht-button utrecht-button--secondary-action"
                        aria-label={t('participants.removeNamed', { name: p.name })}
                      >
                        {t('participants.remove')}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      )}
      {canManage ? (
        <section aria-labelledby="add-participant">
          <h2 id="add-participant" className="utrecht-heading-2">
            {t('participants.addTitle')}
          </h2>
          {candidates.length === 0 ? (
            <p className="utrecht-paragraph">{t('participants.noCandidates')}</p>
          ) : (
            <Form method="post" className="zwin-form">
              <input type="hidden" name="intent" value="add" />
              <LabelledSelect
                id="participant-person"
                name="userId"
                label={t('participants.person')}
                placeholder={t('participants.choosePerson')}
                required
                options={candidates.map((c) => ({
                  value: c.id,
                  label: `${c.name} (${c.organisation.name})`,
                }))}
              />
              <LabelledSelect
                id="participant-function"
                name="function"
                label={t('participants.functionLabel')}
                placeholder={t('participants.chooseFunction')}
                required
                options={participantFunctions.map((f) => ({ value: f, label: functionName(f) }))}
              />
              <button type="submit" className="utrecht-button utrecht-button--primary-action">
                {t('participants.add')}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </>
  )
}
