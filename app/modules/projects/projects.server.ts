import {
  visibleNetworksWhere,
  type CurrentUser,
  type NetworkAccess,
  type ProjectAccess,
} from '../access/access.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { currentMemberOrganisations } from '../networks/networks.server'
import { yearRange } from './budget.server'
import type { ProjectInput } from './schema'

const now = () => new Date()

const listSelect = {
  id: true,
  title: true,
  status: true,
  startDate: true,
  endDate: true,
  leadOrganisation: { select: { name: true } },
  _count: { select: { participants: true } },
} as const

export async function listNetworkProjects(access: NetworkAccess) {
  const rows = await db.project.findMany({
    where: { networkId: access.network.id },
    orderBy: [{ status: 'asc' }, { title: 'asc' }],
    select: listSelect,
  })
  return rows.map(toListItem)
}

function toListItem(row: {
  id: string
  title: string
  status: string
  startDate: Date | null
  endDate: Date | null
  leadOrganisation: { name: string }
  _count: { participants: number }
}) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    startDate: row.startDate?.toISOString() ?? null,
    endDate: row.endDate?.toISOString() ?? null,
    lead: row.leadOrganisation.name,
    participantCount: row._count.participants,
  }
}

/** "Projects of my organisation": led by it or with it taking part, in the networks it belongs to. */
export async function listMyOrganisationProjects(user: CurrentUser) {
  const rows = await db.project.findMany({
    where: {
      network: visibleNetworksWhere(user),
      participants: { some: { organisationId: user.organisation.id } },
    },
    orderBy: [{ network: { name: 'asc' } }, { title: 'asc' }],
    select: { ...listSelect, network: { select: { slug: true, shortName: true } } },
  })
  return rows.map((r) => ({ ...toListItem(r), network: r.network }))
}

/** The project as its pages show it; contact ids only for the caller's own organisation. */
export async function getProject(access: ProjectAccess, ownOrganisationId?: string) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.project.id },
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      stopReason: true,
      startDate: true,
      endDate: true,
      maxEuSharePercent: true,
      version: true,
      leadOrganisation: { select: { id: true, name: true } },
      participants: {
        orderBy: { organisation: { name: 'asc' } },
        select: {
          organisation: { select: { id: true, name: true, country: true } },
          contact: { select: { id: true, name: true } },
        },
      },
      milestones: {
        orderBy: { dueDate: 'asc' },
        select: { id: true, title: true, dueDate: true, doneAt: true },
      },
    },
  })
  return {
    ...project,
    startDate: project.startDate?.toISOString() ?? null,
    endDate: project.endDate?.toISOString() ?? null,
    participants: project.participants.map((p) => ({
      ...p.organisation,
      contact: p.contact?.name ?? null,
      contactId: p.organisation.id === ownOrganisationId ? (p.contact?.id ?? null) : null,
    })),
    milestones: project.milestones.map((m) => ({
      ...m,
      dueDate: m.dueDate.toISOString(),
      doneAt: m.doneAt?.toISOString() ?? null,
    })),
  }
}

export type ProjectProblem =
  | 'leadNotMember'
  | 'participantNotMember'
  | 'conflict'
  | 'participantHasData'
  | 'linesOutsidePeriod'

/**
 * Checks the organisations against the network's members; the lead always takes part. Organisations
 * already in the project may stay after their membership ended (their figures stay with the project);
 * only newcomers must be current members.
 */
async function checkOrganisations(
  networkId: string,
  input: ProjectInput,
  current: string[] = [],
): Promise<
  { problem: ProjectProblem; participants?: never } | { problem?: never; participants: string[] }
> {
  const members = new Set([
    ...(await currentMemberOrganisations(networkId)).map((o) => o.id),
    ...current,
  ])
  if (!members.has(input.leadOrganisationId)) return { problem: 'leadNotMember' as const }
  const participants = [...new Set([input.leadOrganisationId, ...input.participantIds])]
  if (participants.some((id) => !members.has(id)))
    return { problem: 'participantNotMember' as const }
  return { participants }
}

function projectData(input: ProjectInput) {
  return {
    title: input.title,
    description: input.description,
    status: input.status,
    stopReason: input.status === 'stopped' ? input.stopReason : null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    leadOrganisationId: input.leadOrganisationId,
    maxEuSharePercent: input.maxEuSharePercent,
  }
}

/** Rolls the save back with a reason the form can show. */
class ProjectRefusal extends Error {
  constructor(readonly problem: ProjectProblem) {
    super(problem)
  }
}

export async function createProject(
  user: CurrentUser,
  access: NetworkAccess,
  input: ProjectInput,
): Promise<{ id: string } | { problem: ProjectProblem }> {
  const checked = await checkOrganisations(access.network.id, input)
  if (checked.problem) return { problem: checked.problem }
  const created = await db.project.create({
    data: {
      ...projectData(input),
      networkId: access.network.id,
      participants: { create: checked.participants.map((organisationId) => ({ organisationId })) },
    },
    select: { id: true },
  })
  await auditBy(
    user,
    'project.created',
    { type: 'Project', id: created.id },
    { after: { ...input } },
  )
  return created
}

/**
 * Saves the project if nobody saved it since the form was loaded (`version`); otherwise 'conflict',
 * so a second editor never overwrites the first one's work unseen.
 */
export async function updateProject(
  user: CurrentUser,
  access: ProjectAccess,
  input: ProjectInput,
): Promise<{ id: string } | { problem: ProjectProblem }> {
  const before = await getProject(access)
  const checked = await checkOrganisations(
    access.network.id,
    input,
    before.participants.map((p) => p.id),
  )
  if (checked.problem) return { problem: checked.problem }
  const id = access.project.id
  const dropped = before.participants
    .map((p) => p.id)
    .filter((o) => !checked.participants.includes(o))
  const range = yearRange(input.startDate ?? null, input.endDate ?? null)
  // The version-guarded write comes first, so the transaction holds SQLite's write lock while it checks:
  // no budget line or measurement can slip in between the check and the save.
  const saved = await db
    .$transaction(async (tx) => {
      const { count } = await tx.project.updateMany({
        where: { id, version: input.version ?? -1 },
        data: { ...projectData(input), version: { increment: 1 } },
      })
      if (count !== 1) throw new ProjectRefusal('conflict')
      // Figures an organisation reported stay its own: it cannot be dropped while it has budget lines or
      // measurements here, and the period cannot shrink past the years of existing lines.
      if (dropped.length) {
        const figures =
          (await tx.budgetLine.count({
            where: { projectId: id, organisationId: { in: dropped } },
          })) +
          (await tx.measurement.count({
            where: { goal: { projectId: id }, organisationId: { in: dropped } },
          }))
        if (figures > 0) throw new ProjectRefusal('participantHasData')
      }
      const outside = await tx.budgetLine.count({
        where: { projectId: id, OR: [{ year: { lt: range.from } }, { year: { gt: range.to } }] },
      })
      if (outside > 0) throw new ProjectRefusal('linesOutsidePeriod')
      await tx.projectParticipant.deleteMany({
        where: { projectId: id, organisationId: { notIn: checked.participants } },
      })
      for (const organisationId of checked.participants) {
        await tx.projectParticipant.upsert({
          where: { projectId_organisationId: { projectId: id, organisationId } },
          create: { projectId: id, organisationId },
          update: {},
        })
      }
      if (before.status !== input.status) {
        await recordActivity(tx, {
          networkId: access.network.id,
          kind: 'project_status_changed',
          actor: user,
          projectId: id,
          data: {
            title: input.title,
            changes: [{ field: 'status', from: before.status, to: input.status }],
          },
        })
      }
      return true as const
    })
    .catch((error: unknown) => {
      if (error instanceof ProjectRefusal) return error.problem
      throw error
    })
  if (saved !== true) return { problem: saved }
  await auditBy(
    user,
    'project.updated',
    { type: 'Project', id: id },
    {
      before: { ...before, milestones: undefined },
      after: { ...input, participantIds: checked.participants },
    },
  )
  return { id }
}

export async function addMilestone(
  user: CurrentUser,
  access: ProjectAccess,
  input: { title: string; dueDate: Date },
) {
  const created = await db.milestone.create({
    data: { projectId: access.project.id, title: input.title, dueDate: input.dueDate },
    select: { id: true },
  })
  await auditBy(
    user,
    'project.milestone_added',
    { type: 'Project', id: access.project.id },
    { after: input },
  )
  return created
}

/** Marks a milestone done or not done; only milestones of this project are found. */
export async function setMilestoneDone(
  user: CurrentUser,
  access: ProjectAccess,
  milestoneId: string,
  done: boolean,
) {
  const milestone = await db.milestone.findFirst({
    where: { id: milestoneId, projectId: access.project.id },
    select: { id: true, doneAt: true },
  })
  if (!milestone) return 'notAllowed' as const
  await db.milestone.update({ where: { id: milestone.id }, data: { doneAt: done ? now() : null } })
  await auditBy(
    user,
    'project.milestone_updated',
    { type: 'Project', id: access.project.id },
    {
      milestoneId,
      before: { done: milestone.doneAt !== null },
      after: { done },
    },
  )
  return 'ok' as const
}

export async function removeMilestone(
  user: CurrentUser,
  access: ProjectAccess,
  milestoneId: string,
) {
  const milestone = await db.milestone.findFirst({
    where: { id: milestoneId, projectId: access.project.id },
    select: { id: true, title: true, dueDate: true },
  })
  if (!milestone) return 'notAllowed' as const
  await db.milestone.delete({ where: { id: milestone.id } })
  await auditBy(
    user,
    'project.milestone_removed',
    { type: 'Project', id: access.project.id },
    { before: milestone },
  )
  return 'ok' as const
}

/** People of the caller's own organisation who can be its contact for a project. */
export async function contactCandidates(user: CurrentUser) {
  return db.user.findMany({
    where: { organisationId: user.organisation.id, disabledAt: null },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

/**
 * Sets (or clears) the caller's own organisation's contact person for a project. Only a person of that
 * organisation can be chosen; the organisation must take part (the access module checked that).
 */
export async function setOwnContact(
  user: CurrentUser,
  access: ProjectAccess,
  contactUserId: string | null,
) {
  if (contactUserId) {
    const person = await db.user.findFirst({
      where: { id: contactUserId, organisationId: user.organisation.id, disabledAt: null },
      select: { id: true },
    })
    if (!person) return 'notAllowed' as const
  }
  const key = { projectId: access.project.id, organisationId: user.organisation.id }
  const before = await db.projectParticipant.findUnique({
    where: { projectId_organisationId: key },
    select: { contactUserId: true },
  })
  await db.projectParticipant.update({
    where: { projectId_organisationId: key },
    data: { contactUserId },
  })
  await auditBy(
    user,
    'project.contact_set',
    { type: 'Project', id: access.project.id },
    {
      before: { contactUserId: before?.contactUserId ?? null },
      after: { contactUserId },
    },
  )
  return 'ok' as const
}
