import { redirect } from '@remix-run/node'
import { recordAudit } from '../audit/audit.server'
import { paths, withRedirectTo } from '../auth/paths'
import { getSessionUser, type SessionUser } from '../auth/session.server'
import { getConfig } from '../config/config.server'
import { db, sqlTimestamp } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { safeRedirectPath } from './redirect'
import { isNetworkRole, type NetworkRoleName } from './roles'

export type CurrentUser = SessionUser
export { isNetworkRole, networkRoles, type NetworkRoleName } from './roles'

/** Everything outside the caller's reach answers this, so that existence never leaks. */
export function notFound(): Response {
  return new Response('Not Found', { status: 404, statusText: 'Not Found' })
}

/**
 * Refuses with the same 404 as an unknown address, and records the refusal (who, what, when) in the
 * audit log, as BIO and ASVS ask for refused access.
 */
export async function deny(
  user: CurrentUser,
  objectType: string,
  objectId: string,
  details?: Record<string, unknown>,
): Promise<Response> {
  await recordAudit({
    action: 'access.denied',
    result: 'denied',
    actorUserId: user.id,
    actorOrganisationId: user.organisation.id,
    objectType,
    objectId,
    details,
  })
  return notFound()
}

export async function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  return getSessionUser(request)
}

/**
 * Sends someone who must use a second factor to enrolment when they have none, or to give the code when
 * this session was made without it; both pages come back here afterwards.
 */
export function requireSecondFactor(user: CurrentUser): void {
  if (user.secondFactor.enrolled && user.secondFactor.inSession) return
  const back = safeRedirectPath(user.requestedPath, '/', getConfig().publicOrigin)
  const page = user.secondFactor.enrolled ? paths.secondStep : paths.enrolment
  throw redirect(withRedirectTo(page, back))
}

/**
 * The signed-in user; otherwise a redirect to the sign-in page that comes back here afterwards. Where the
 * organisation requires a second factor, it is required here too; only the pages that set it up or ask
 * for it pass `secondFactorOptional`.
 */
export async function requireUser(
  request: Request,
  options: { secondFactorOptional?: boolean } = {},
): Promise<CurrentUser> {
  const user = await getSessionUser(request)
  if (user) {
    if (user.secondFactor.required && !options.secondFactorOptional) requireSecondFactor(user)
    return user
  }
  const url = new URL(request.url)
  const back = safeRedirectPath(url.pathname + url.search, '/', getConfig().publicOrigin)
  const query = back === '/' ? '' : `?${new URLSearchParams({ redirectTo: back })}`
  throw redirect(`/login${query}`)
}

/** The `where` on NetworkMembership for memberships in force at `now` (begun, not yet ended). */
export function membershipInForce(now = new Date()) {
  return { activeFrom: { lte: now }, OR: [{ activeTo: null }, { activeTo: { gt: now } }] }
}

/** The `where` that selects the memberships that grant access right now. */
export function activeMembershipWhere(organisationId: string, now = new Date()) {
  return { organisationId, ...membershipInForce(now) }
}

/**
 * activeMembershipWhere as SQL for raw queries: the ids of the networks where the organisation is a
 * member at `now`, to use as `"networkId" IN (…)`.
 */
export function memberNetworkIdsSql(organisationId: string, now = new Date()): Prisma.Sql {
  const time = sqlTimestamp(now)
  return Prisma.sql`SELECT nm."networkId" FROM "NetworkMembership" nm
    WHERE nm."organisationId" = ${organisationId} AND nm."activeFrom" <= ${time}
      AND (nm."activeTo" IS NULL OR nm."activeTo" > ${time})`
}

/** The `where` on Organisation for the current members of a network. */
export function currentMembersWhere(networkId: string, now = new Date()) {
  return { memberships: { some: { networkId, ...membershipInForce(now) } } }
}

/** The `where` on User for the active people of the network's current member organisations. */
export function activeMemberUsersWhere(networkId: string, now = new Date()) {
  return { disabledAt: null, organisation: currentMembersWhere(networkId, now) }
}

/** The networks a user may see: those where their organisation has an active membership. */
export function visibleNetworksWhere(user: Pick<CurrentUser, 'organisation'>) {
  return { memberships: { some: activeMembershipWhere(user.organisation.id) } }
}

export type NetworkAccess = {
  network: {
    id: string
    slug: string
    name: string
    shortName: string
    level: string
    description: string
  }
  roles: NetworkRoleName[]
}

/** A network as the pages name it, with the roles the user holds in it (read in the same query). */
export function networkWithRolesSelect(userId: string) {
  return {
    id: true,
    slug: true,
    name: true,
    shortName: true,
    level: true,
    roles: { where: { userId }, select: { role: true } },
  } as const
}

/** The roles of networkWithRolesSelect, known ones only. */
export function rolesOf(rows: { role: string }[]): NetworkRoleName[] {
  return rows.map((r) => r.role).filter(isNetworkRole)
}

async function findNetworkAccess(user: CurrentUser, slug: string): Promise<NetworkAccess | null> {
  const network = await db.network.findFirst({
    where: { slug, ...visibleNetworksWhere(user) },
    select: { ...networkWithRolesSelect(user.id), description: true },
  })
  if (!network) return null
  const { roles, ...rest } = network
  return { network: rest, roles: rolesOf(roles) }
}

/** The network by slug with the user's roles in it; 404 when the user's organisation is not a member. */
export async function requireNetworkAccess(
  user: CurrentUser,
  slug: string,
): Promise<NetworkAccess> {
  const access = await findNetworkAccess(user, slug)
  if (!access) throw await deny(user, 'Network', slug)
  return access
}

/** As requireNetworkAccess, and the user must hold one of the roles; 404 otherwise. */
export async function requireNetworkRole(
  user: CurrentUser,
  slug: string,
  allowed: readonly NetworkRoleName[],
): Promise<NetworkAccess> {
  const access = await requireNetworkAccess(user, slug)
  if (!access.roles.some((r) => allowed.includes(r))) {
    throw await deny(user, 'Network', slug, { needed: allowed })
  }
  return access
}

/**
 * Administrators always use a second factor on administration pages (BIO2; docs/security.md): Zwin's
 * own, or, for a session begun at the organisation's identity provider, the provider's multi-factor
 * sign-in, unless the organisation asks for Zwin's code from its provider's people too.
 */
function requireAdminSecondFactor(user: CurrentUser): void {
  if (user.method === 'oidc' && !user.secondFactor.required) return
  requireSecondFactor(user)
}

export async function requirePlatformAdmin(user: CurrentUser): Promise<void> {
  if (!user.isPlatformAdmin) throw await deny(user, 'Administration', 'platform')
  requireAdminSecondFactor(user)
}

/** Account administration: organisation admins for their own organisation, platform admins for all. */
export async function requireAccountAdmin(user: CurrentUser): Promise<void> {
  if (!user.isOrgAdmin && !user.isPlatformAdmin)
    throw await deny(user, 'Administration', 'accounts')
  requireAdminSecondFactor(user)
}

/**
 * The `where` for the accounts the caller may manage: every account for a platform administrator; for an
 * organisation administrator those of their own organisation except platform administrators, who stand
 * above them (otherwise an organisation admin could disable, or void the set-password links of, the
 * operator). Everything outside it is an unknown account: the same 404.
 */
export function manageableUsersWhere(user: CurrentUser) {
  if (!user.isPlatformAdmin && !user.isOrgAdmin) throw notFound()
  requireAdminSecondFactor(user)
  if (user.isPlatformAdmin) return {}
  return { organisationId: user.organisation.id, isPlatformAdmin: false }
}

/** Which administration areas the user may open (the shell and the admin index show only these). */
export function adminAreas(user: CurrentUser) {
  return { platform: user.isPlatformAdmin, accounts: user.isOrgAdmin || user.isPlatformAdmin }
}

export type ProjectAccess = NetworkAccess & {
  project: { id: string; title: string; leadOrganisationId: string; version: number }
  /** Organisations taking part (the lead included). */
  participantIds: string[]
  /** Coordinators of the network and people of the lead organisation edit the project itself. */
  canEdit: boolean
  /** People of a participating organisation enter their own budget lines and measurements. */
  isParticipant: boolean
}

/** A project of a network the user may see; 404 for a project of another network or none at all. */
export async function requireProjectAccess(
  user: CurrentUser,
  networkSlug: string,
  projectId: string,
): Promise<ProjectAccess> {
  const access = await requireNetworkAccess(user, networkSlug)
  const project = await db.project.findFirst({
    where: { id: projectId, networkId: access.network.id },
    select: {
      id: true,
      title: true,
      leadOrganisationId: true,
      version: true,
      participants: { select: { organisationId: true } },
    },
  })
  if (!project) throw await deny(user, 'Project', projectId)
  const { participants, ...rest } = project
  const participantIds = participants.map((p) => p.organisationId)
  return {
    ...access,
    project: rest,
    participantIds,
    canEdit:
      access.roles.includes('coordinator') || rest.leadOrganisationId === user.organisation.id,
    isParticipant: participantIds.includes(user.organisation.id),
  }
}

export async function requireProjectEditor(
  user: CurrentUser,
  networkSlug: string,
  projectId: string,
) {
  const access = await requireProjectAccess(user, networkSlug, projectId)
  if (!access.canEdit) throw await deny(user, 'Project', projectId, { needed: 'editor' })
  return access
}

/** Budget lines and measurements: only a participating organisation's own, by its own people. */
export async function requireProjectParticipant(
  user: CurrentUser,
  networkSlug: string,
  projectId: string,
) {
  const access = await requireProjectAccess(user, networkSlug, projectId)
  if (!access.isParticipant) throw await deny(user, 'Project', projectId, { needed: 'participant' })
  return access
}

export type GoalAccess = NetworkAccess & {
  goal: { id: string; name: string; projectId: string | null }
  /** Coordinators edit network goals; a project's editors edit its goals. */
  canEdit: boolean
  /** Who reports values: any member organisation for a network goal, participants for a project goal. */
  canMeasure: boolean
}

/** A goal of a network the user may see; 404 for a goal of another network or none at all. */
export async function requireGoalAccess(
  user: CurrentUser,
  networkSlug: string,
  goalId: string,
): Promise<GoalAccess> {
  const access = await requireNetworkAccess(user, networkSlug)
  const goal = await db.goal.findFirst({
    where: { id: goalId, networkId: access.network.id },
    select: {
      id: true,
      name: true,
      projectId: true,
      project: {
        select: { leadOrganisationId: true, participants: { select: { organisationId: true } } },
      },
    },
  })
  if (!goal) throw await deny(user, 'Goal', goalId)
  const coordinator = access.roles.includes('coordinator')
  const own = user.organisation.id
  const participant = goal.project?.participants.some((p) => p.organisationId === own) ?? false
  return {
    ...access,
    goal: { id: goal.id, name: goal.name, projectId: goal.projectId },
    canEdit: coordinator || goal.project?.leadOrganisationId === own,
    canMeasure: goal.project ? participant : true,
  }
}

export async function requireGoalMeasurer(user: CurrentUser, networkSlug: string, goalId: string) {
  const access = await requireGoalAccess(user, networkSlug, goalId)
  if (!access.canMeasure) throw await deny(user, 'Goal', goalId, { needed: 'participant' })
  return access
}

/** Changing or removing a goal: coordinators for network goals, a project's editors for its goals. */
export async function requireGoalEditor(user: CurrentUser, networkSlug: string, goalId: string) {
  const access = await requireGoalAccess(user, networkSlug, goalId)
  if (!access.canEdit) throw await deny(user, 'Goal', goalId, { needed: 'editor' })
  return access
}
