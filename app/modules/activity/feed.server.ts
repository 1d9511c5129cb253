/*
 * The activity feed: what happened in a network, or in all the viewer's networks, newest first, a page
 * at a time. Only what the viewer may read (app/modules/access/activity.server.ts), filtered and paged
 * in the database. The items carry what a page or a mail shows; describe.ts turns one into words.
 */
import type { CurrentUser } from '../access/access.server'
import { visibleActivitySql } from '../access/activity.server'
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { isActivityKind, type ActivityData, type ActivityItem, type ActivityKind } from './types'

export type { ActivityItem } from './types'

export const ACTIVITY_PAGE_SIZE = 20
/** Past this many events the feed says "more than 1,000" and its pages stop (the newest first). */
export const MAX_COUNTED_EVENTS = 1000

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

const eventSelect = {
  id: true,
  networkId: true,
  actorId: true,
  meetingId: true,
  kind: true,
  createdAt: true,
  data: true,
  actorOrganisationId: true,
  actor: { select: { name: true } },
  network: { select: { slug: true, name: true, shortName: true } },
  document: { select: { id: true, title: true } },
  meeting: { select: { id: true, title: true } },
  project: { select: { id: true, title: true } },
  goal: { select: { id: true, name: true } },
  actionItem: { select: { id: true, description: true, organisationId: true } },
} as const

function parseData(stored: string): ActivityData {
  try {
    const parsed: unknown = JSON.parse(stored)
    return parsed && typeof parsed === 'object' ? (parsed as ActivityData) : {}
  } catch {
    return {}
  }
}

type Stored = {
  kind: string
  data: string
  network: { slug: string }
  document: { id: string; title: string } | null
  meeting: { id: string; title: string } | null
  project: { id: string; title: string } | null
  goal: { id: string; name: string } | null
  actionItem: { id: string; description: string } | null
}

/** The subject's page and current title (the title at the time when the subject has none). */
function subjectOf(event: Stored, data: ActivityData) {
  const base = `/netwerken/${event.network.slug}`
  const meeting = event.meeting
    ? { title: event.meeting.title, href: `${base}/vergaderingen/${event.meeting.id}` }
    : null
  if (event.document) {
    return {
      subject: { title: event.document.title, href: `${base}/documenten/${event.document.id}` },
      meeting,
    }
  }
  if (event.actionItem) {
    // The action item is listed with the meeting where it was agreed.
    return {
      subject: { title: event.actionItem.description, href: meeting?.href ?? `${base}/acties` },
      meeting,
    }
  }
  if (event.goal) {
    return {
      subject: { title: event.goal.name, href: `${base}/doelen/${event.goal.id}` },
      meeting: null,
    }
  }
  if (event.project) {
    return {
      subject: { title: event.project.title, href: `${base}/projecten/${event.project.id}` },
      meeting: null,
    }
  }
  if (meeting) {
    const href =
      event.kind === 'minutes_approved' || event.kind === 'decision_recorded'
        ? `${meeting.href}/verslag`
        : meeting.href
    return { subject: { title: meeting.title, href }, meeting: null }
  }
  return { subject: { title: data.title ?? '', href: base }, meeting: null }
}

/**
 * A page of the events the viewer may read, newest first: of one network (`networkId`, which the
 * caller has checked the viewer may open) or of all their networks, optionally of some kinds only
 * (unknown kinds are ignored). `page` beyond the last gives the last.
 */
export async function listActivity(
  viewer: Viewer,
  options: { networkId?: string; kinds?: string[]; page: number; pageSize?: number },
) {
  const pageSize = options.pageSize ?? ACTIVITY_PAGE_SIZE
  const kinds = (options.kinds ?? []).filter(isActivityKind)
  // The access rule's SQL form (app/modules/access/activity.server.ts) decides which events count and
  // which ids make the page; the events are then read by id. Counting stops past MAX_COUNTED_EVENTS:
  // counting a coordinator's 70,000 events through the rule took a second at the bench's scale 1, and
  // pages that deep help nobody (the feed then shows the newest, and filters reach further back).
  const where = Prisma.sql`${visibleActivitySql(viewer)}
    ${options.networkId ? Prisma.sql`AND e."networkId" = ${options.networkId}` : Prisma.empty}
    ${kinds.length ? Prisma.sql`AND e."kind" IN (${Prisma.join(kinds)})` : Prisma.empty}`
  const [counted] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM "ActivityEvent" e WHERE ${where} LIMIT ${MAX_COUNTED_EVENTS + 1}) AS "counted"`
  const found = Number(counted?.n ?? 0)
  const capped = found > MAX_COUNTED_EVENTS
  const total = Math.min(found, MAX_COUNTED_EVENTS)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(Math.max(1, options.page), pages)
  const ids = (
    await db.$queryRaw<{ id: string }[]>`
      SELECT e."id" FROM "ActivityEvent" e WHERE ${where}
      ORDER BY e."createdAt" DESC, e."id" DESC
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
  ).map((row) => row.id)
  const items = (
    await loadActivity({ id: { in: ids } }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
  ).map((loaded) => loaded.item)
  return { items, page, pages, total, capped, hasMore: page < pages, kinds }
}

/** An event as read for a page or a mail: the item shown, and the facts a mail's recipients depend on. */
export type LoadedActivity = {
  item: ActivityItem
  event: {
    id: string
    networkId: string
    kind: ActivityKind
    actorId: string | null
    meetingId: string | null
    /** The organisation an action item event is about. */
    actionOrganisationId: string | null
    createdAt: Date
  }
}

/**
 * The events that match `where` (which the caller builds on an access rule of
 * app/modules/access/activity.server.ts), as items: shared by the feed and the notification mails.
 */
export async function loadActivity(
  where: Prisma.ActivityEventWhereInput,
  options: {
    orderBy: Prisma.ActivityEventOrderByWithRelationInput[]
    skip?: number
    take?: number
  },
): Promise<LoadedActivity[]> {
  const stored = await db.activityEvent.findMany({ where, ...options, select: eventSelect })
  // The acting organisation is kept by id (it outlives the account); one look-up for them all.
  const organisationIds = [
    ...new Set(stored.map((e) => e.actorOrganisationId).filter((id): id is string => !!id)),
  ]
  const organisations = new Map(
    (
      await db.organisation.findMany({
        where: { id: { in: organisationIds } },
        select: { id: true, name: true },
      })
    ).map((o) => [o.id, o.name]),
  )
  return stored.flatMap((event) => {
    if (!isActivityKind(event.kind)) return []
    const data = parseData(event.data)
    return [
      {
        item: {
          id: event.id,
          kind: event.kind,
          at: event.createdAt.toISOString(),
          actor: {
            name: event.actor?.name ?? null,
            organisation: event.actorOrganisationId
              ? (organisations.get(event.actorOrganisationId) ?? null)
              : null,
          },
          network: event.network,
          ...subjectOf(event, data),
          data,
        },
        event: {
          id: event.id,
          networkId: event.networkId,
          kind: event.kind,
          actorId: event.actorId,
          meetingId: event.meetingId,
          actionOrganisationId: event.actionItem?.organisationId ?? null,
          createdAt: event.createdAt,
        },
      },
    ]
  })
}
