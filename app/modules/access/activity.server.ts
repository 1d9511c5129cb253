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
import type { Prisma } from '../db/generated/client'
import { visibleNetworksWhere, type CurrentUser } from './access.server'
import { visibleDocumentsWhere } from './documents.server'
import { visibleActionItemsWhere, visibleMeetingsWhere } from './meetings.server'

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
 * visibleActivityWhere for anyone of an organisation: the rule above asks of a person only their
 * organisation, since an event about a draft is shown to nobody (so a preparer's role never widens it).
 * For the notification mails, which decide for a whole organisation's people at once.
 */
export function organisationActivityWhere(organisationId: string): Prisma.ActivityEventWhereInput {
  // No person has the empty id: the preparer branch of visibleMeetingsWhere matches nothing, as above.
  return visibleActivityWhere({ id: '', organisation: { id: organisationId } } as Viewer)
}
