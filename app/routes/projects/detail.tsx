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
  requireProjectEditor,
  requireProjectParticipant,
  requireUser,
} from '~/modules/access/access.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { listProjectDocuments } from '~/modules/documents/queries.server'
import { listGoals } from '~/modules/goals/goals.server'
import { milestoneStatus } from '~/modules/projects/milestones'
import {
  addMilestone,
  contactCandidates,
  getProject,
  removeMilestone,
  setMilestoneDone,
  setOwnContact,
} from '~/modules/projects/projects.server'
import { milestoneSchema } from '~/modules/projects/schema'
import { FormError } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'
import { MilestoneList } from '~/ui/projects/milestones'
import { ContactForm } from '~/ui/projects/contact-form'
import { ProjectGoals } from '~/ui/projects/project-goals'
import { LinkedDocuments } from '~/ui/documents/linked-documents'
import { ProjectSummary } from '~/ui/projects/project-summary'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.project.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireProjectAccess(user, params.network ?? '', params.project ?? '')
  const [project, goals, contacts, documents] = await Promise.all([
    getProject(access, user.organisation.id),
    listGoals(access, { projectId: access.project.id }),
    access.isParticipant ? contactCandidates(user) : Promise.resolve([]),
    listProjectDocuments(user, access.project.id),
  ])
  const today = new Date()
  return {
    network: access.network,
    canEdit: access.canEdit,
    isParticipant: access.isParticipant,
    ownOrganisationId: user.organisation.id,
    contacts,
    goals,
    documents,
    project: {
      ...project,
      milestones: project.milestones.map((m) => ({
        ...m,
        state: milestoneStatus(
          { dueDate: new Date(m.dueDate), doneAt: m.doneAt ? new Date(m.doneAt) : null },
          today,
        ),
      })),
    },
  }
}

const rowSchema = z.strictObject({
  intent: z.enum(['done', 'reopen', 'remove']),
  id: z.string().min(1).max(40),
  confirmed: z.literal('yes').optional(),
})

const contactSchema = z.strictObject({
  intent: z.literal('setContact'),
  contactUserId: z.string().max(40).optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'setContact') {
    // Each participating organisation names its own contact; that is not an editor's task.
    const access = await requireProjectParticipant(user, params.network ?? '', params.project ?? '')
    const parsed = contactSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) return data({ error: 'notAllowed' as const }, { status: 400 })
    const result = await setOwnContact(user, access, parsed.data.contactUserId || null)
    if (result !== 'ok') return data({ error: result }, { status: 400 })
    return redirect(`/netwerken/${access.network.slug}/projecten/${access.project.id}`)
  }
  const access = await requireProjectEditor(user, params.network ?? '', params.project ?? '')
  const back = `/netwerken/${access.network.slug}/projecten/${access.project.id}`
  if (formData.get('intent') === 'addMilestone') {
    const submission = parseWithZod(formData, { schema: milestoneSchema })
    if (submission.status !== 'success')
      return data({ milestone: submission.reply() }, { status: 400 })
    await addMilestone(user, access, submission.value)
    return redirect(`${back}#mijlpalen`)
  }
  const parsed = rowSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return data({ error: 'notAllowed' as const }, { status: 400 })
  const { intent, id } = parsed.data
  if (intent === 'remove' && !isConfirmed(formData)) {
    const project = await getProject(access)
    const milestone = project.milestones.find((m) => m.id === id)
    if (!milestone) return data({ error: 'notAllowed' as const }, { status: 400 })
    return { confirm: { intent, id, title: milestone.title } }
  }
  const result =
    intent === 'remove'
      ? await removeMilestone(user, access, id)
      : await setMilestoneDone(user, access, id, intent === 'done')
  if (result !== 'ok') return data({ error: result }, { status: 400 })
  return redirect(`${back}#mijlpalen`)
}

export default function ProjectPage() {
  const { t } = useTranslation('projects')
  const {
    network,
    project,
    goals,
    documents,
    canEdit,
    isParticipant,
    contacts,
    ownOrganisationId,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/projecten`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{project.title}</h1>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      <ProjectSummary
        network={network}
        project={project}
        canEdit={canEdit}
        isParticipant={isParticipant}
      />
      {isParticipant ? (
        <ContactForm
          contacts={contacts}
          current={project.participants.find((p) => p.id === ownOrganisationId)?.contactId ?? ''}
        />
      ) : null}
      <ProjectGoals network={network} projectId={project.id} goals={goals} canEdit={canEdit} />
      <LinkedDocuments networkSlug={network.slug} projectId={project.id} documents={documents} />
      <MilestoneList
        milestones={project.milestones}
        canEdit={canEdit}
        lastResult={result && 'milestone' in result ? result.milestone : undefined}
        confirm={result && 'confirm' in result ? result.confirm : null}
      />
    </>
  )
}
