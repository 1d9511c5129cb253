/*
 * Who reads which activity event (the feed, and later the notifications). An event is visible when:
 *  - the viewer's organisation is a current member of the event's network;
 *  - it concerns a document: the viewer may see that document now (its audience, not in the bin;
 *    documents.server.ts), so a document outside their audience never shows, not even as "a document
 *    was shared";
 *  - it concerns a meeting: the viewer may see the meeting (meetings.server.ts), and it is not a draft,
 *    also not for its preparers: the feed tells what the partners were told;
 *  - it concerns an action item: the viewer may see it (agreed in a meeting they may see).
 * Projects and goals are open to every member of their network, which the first rule covers. An event
 * whose subject was removed went with it (the relations cascade, prisma/schema.prisma); one about a
 * document version that was withdrawn likewise. Decided when read, never stored with the event, so a
 * changed audience or a membership that ended counts at once.
 */
import { Prisma } from '../db/generated/client'
import { memberNetworkIdsSql, visibleNetworksWhere, type CurrentUser } from './access.server'
import { visibleDocumentsSql, visibleDocumentsWhere } from './documents.server'
import {
  visibleActionItemsWhere,
  visibleMeetingsSql,
  visibleMeetingsWhere,
} from './meetings.server'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

/**
 * The events the viewer may read, as a `where` on ActivityEvent, so the feed pages in the database.
 * Wrapped in AND, so a caller that adds its own `OR` or `network` cannot replace part of the rule.
 */
export function visibleActivityWhere(viewer: Viewer): Prisma.ActivityEventWhereInput {
  return {
    AND: [
      { network: visibleNetworksWhere(viewer) },
      { OR: [{ documentId: null }, { document: visibleDocumentsWhere(viewer) }] },
      {
        OR: [
          { meetingId: null },
          { meeting: { AND: [visibleMeetingsWhere(viewer), { status: { not: 'draft' } }] } },
        ],
      },
      { OR: [{ actionItemId: null }, { actionItem: visibleActionItemsWhere(viewer) }] },
    ],
  }
}

/**
 * visibleActivityWhere as an SQL condition on the alias `e` (an ActivityEvent row), for the feed's
 * count and pages (issue 15: the relation form joined and checked the network's membership again for
 * each event; the feed of a GOS coordinator took most of a second at scale 1). The same rule, held to
 * the relation form for every demo person by tests/integration/activity-access-sql.test.ts.
 */
export function visibleActivitySql(viewer: Viewer, now = new Date()): Prisma.Sql {
  return Prisma.sql`e."networkId" IN (${memberNetworkIdsSql(viewer.organisation.id, now)})
    AND (e."documentId" IS NULL OR EXISTS (
      SELECT 1 FROM "Document" d WHERE d."id" = e."documentId" AND ${visibleDocumentsSql(viewer, now)}))
    AND (e."meetingId" IS NULL OR EXISTS (
      SELECT 1 FROM "Meeting" m
      WHERE m."id" = e."meetingId" AND m."status" <> 'draft' AND ${visibleMeetingsSql(viewer, now)}))
    AND (e."actionItemId" IS NULL OR EXISTS (
      SELECT 1 FROM "ActionItem" ai JOIN "Meeting" m ON m."id" = ai."meetingId"
      WHERE ai."id" = e."actionItemId" AND ${visibleMeetingsSql(viewer, now)}))`
}

/**
 * visibleActivityWhere for anyone of an organisation: the rule above asks of a person only their
 * organisation, since an event about a draft is shown to nobody (so a preparer's role never widens it).
 * For the notification mails, which decide for a whole organisation's people at once.
 */
export function organisationActivityWhere(organisationId: string): Prisma.ActivityEventWhereInput {
  // No person has the empty id: the preparer branch of visibleMeetingsWhere matches nothing, as above.
  return visibleActivityWhere({ id: '', organisation: { id: organisationId } } as Viewer)
}
