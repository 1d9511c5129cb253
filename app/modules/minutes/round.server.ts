/*
 * Approving minutes by written procedure (schriftelijke ronde; nl-BE schriftelijke procedure), beside
 * approval at the next meeting (minutes.server.ts): the preparers open a round on the minutes of a held
 * meeting with a deadline; each invited organisation answers once, "agree" or with comments, by any of
 * its people (a later answer replaces the earlier one) until the end of the deadline day in Amsterdam;
 * a preparer closes the round, which approves the minutes. Opening mails the invited organisations'
 * people. Every step is audited.
 */
import type { CurrentUser } from '../access/access.server'
import {
  mayAnswerMinutesRound,
  minutesRoundOrganisationsWhere,
  type MeetingAccess,
} from '../access/meetings.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { calendarDay } from '../projects/milestones'
import { minutesHaveContent } from './draft.server'
import { queueRoundMails } from './round-mail.server'
import type { MinutesProblem, RoundAnswerInput } from './schema'

/** The furthest a deadline may lie ahead: longer is surely a typing error. */
const MAX_DEADLINE_DAYS = 366

const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/** Whether answers are still taken on `deadline` (a calendar day at midnight UTC). */
function beforeDeadline(deadline: Date, now = new Date()): boolean {
  return calendarDay(now) <= isoDay(deadline)
}

function openRoundOf(meetingId: string, client: Prisma.TransactionClient = db) {
  return client.minutesRound.findFirst({
    where: { meetingId, status: 'open' },
    select: { id: true, deadline: true },
  })
}

/** Opens a round with answers until the end of `deadline`, for the minutes of a held meeting. */
export async function openMinutesRound(
  user: CurrentUser,
  access: MeetingAccess,
  deadline: Date,
): Promise<'ok' | MinutesProblem> {
  const today = calendarDay(new Date())
  if (isoDay(deadline) < today) return 'roundDeadlinePast'
  if (deadline.getTime() - Date.parse(`${today}T00:00:00.000Z`) > MAX_DEADLINE_DAYS * 86_400_000) {
    return 'roundDeadlineTooFar'
  }
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: { status: true },
  })
  if (meeting.status !== 'held') return 'approveOnlyHeld'
  if (!(await minutesHaveContent(access))) return 'minutesEmpty'
  const opened = await db.$transaction(async (tx) => {
    if (await openRoundOf(access.meeting.id, tx)) return 'roundOpen' as const
    const round = await tx.minutesRound.create({
      data: { meetingId: access.meeting.id, deadline, openedById: user.id },
      select: { id: true },
    })
    await auditBy(
      user,
      'meeting.minutes_round_opened',
      { type: 'Meeting', id: access.meeting.id },
      { roundId: round.id, deadline: isoDay(deadline) },
      tx,
    )
    // The invited organisations' people are asked to answer (round-mail.server.ts).
    await queueRoundMails(tx, round.id, access.meeting.id, deadline)
    return 'ok' as const
  })
  return opened
}

/** The user's organisation agrees or comments in the open round; replaces its earlier answer. */
export async function answerMinutesRound(
  user: CurrentUser,
  access: MeetingAccess,
  input: RoundAnswerInput,
): Promise<'ok' | MinutesProblem> {
  const round = await openRoundOf(access.meeting.id)
  if (!round) return 'roundClosed'
  if (!(await mayAnswerMinutesRound(user, access))) return 'roundNotInvited'
  if (!beforeDeadline(round.deadline)) return 'roundDeadlinePassed'
  const answer = {
    reply: input.reply,
    comment: input.reply === 'comment' ? input.comment : '',
    userId: user.id,
    answeredAt: new Date(),
  }
  return db.$transaction(async (tx) => {
    // Checked again in the write: a round closed a moment ago takes no more answers.
    if (!(await tx.minutesRound.count({ where: { id: round.id, status: 'open' } }))) {
      return 'roundClosed' as const
    }
    await tx.minutesRoundAnswer.upsert({
      where: {
        roundId_organisationId: { roundId: round.id, organisationId: user.organisation.id },
      },
      create: { roundId: round.id, organisationId: user.organisation.id, ...answer },
      update: answer,
    })
    await auditBy(
      user,
      'meeting.minutes_round_answered',
      { type: 'Meeting', id: access.meeting.id },
      { roundId: round.id, reply: answer.reply },
      tx,
    )
    return 'ok' as const
  })
}

/** How the answers stand, for the question before closing. */
export async function roundTally(access: MeetingAccess, roundId: string) {
  const [invited, answers] = await Promise.all([
    db.organisation.count({ where: minutesRoundOrganisationsWhere(access.meeting.id) }),
    db.minutesRoundAnswer.findMany({
      where: { roundId, round: { meetingId: access.meeting.id } },
      select: { reply: true },
    }),
  ])
  return {
    invited,
    answered: answers.length,
    comments: answers.filter((a) => a.reply === 'comment').length,
  }
}

/**
 * Closes the meeting's open round `roundId` and so approves the minutes: the meeting's status becomes
 * "minutes approved", on the moment of closing. 'roundClosed' for a round that is not open (closed,
 * withdrawn, or of another meeting).
 */
export async function closeMinutesRound(
  user: CurrentUser,
  access: MeetingAccess,
  roundId: string,
): Promise<'ok' | MinutesProblem> {
  return db.$transaction(async (tx) => {
    const now = new Date()
    const { count } = await tx.minutesRound.updateMany({
      where: { id: roundId, meetingId: access.meeting.id, status: 'open' },
      data: { status: 'closed', closedAt: now, closedById: user.id },
    })
    if (count !== 1) return 'roundClosed' as const
    const approved = await tx.meeting.updateMany({
      where: { id: access.meeting.id, status: 'held' },
      data: { status: 'minutes_approved', minutesApprovedAt: now, version: { increment: 1 } },
    })
    if (approved.count !== 1) throw new Error('A meeting with an open round was not held')
    await recordActivity(tx, {
      networkId: access.network.id,
      kind: 'minutes_approved',
      actor: user,
      meetingId: access.meeting.id,
      data: { title: access.meeting.title, via: 'round' },
    })
    await auditBy(
      user,
      'meeting.minutes_round_closed',
      { type: 'Meeting', id: access.meeting.id },
      { roundId },
      tx,
    )
    await auditBy(
      user,
      'meeting.minutes_approved',
      { type: 'Meeting', id: access.meeting.id },
      { after: { status: 'minutes_approved', minutesApprovedAt: now, roundId } },
      tx,
    )
    return 'ok' as const
  })
}

/** Approval at a meeting ends an open round: it is withdrawn, in the same transaction. */
export async function withdrawOpenRound(tx: Prisma.TransactionClient, meetingId: string) {
  await tx.minutesRound.updateMany({
    where: { meetingId, status: 'open' },
    data: { status: 'withdrawn', closedAt: new Date() },
  })
}

/**
 * The latest round on the meeting's minutes as the page shows it: every invited organisation with its
 * answer, the reader's own answer, and what the reader may do.
 */
export async function roundPageData(user: CurrentUser, access: MeetingAccess) {
  const round = await db.minutesRound.findFirst({
    where: { meetingId: access.meeting.id },
    orderBy: { openedAt: 'desc' },
    select: {
      id: true,
      status: true,
      deadline: true,
      openedAt: true,
      closedAt: true,
      answers: {
        select: {
          organisationId: true,
          reply: true,
          comment: true,
          answeredAt: true,
          user: { select: { name: true } },
        },
      },
    },
  })
  if (!round) return null
  const [organisations, mayAnswer] = await Promise.all([
    db.organisation.findMany({
      where: minutesRoundOrganisationsWhere(access.meeting.id),
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
    mayAnswerMinutesRound(user, access),
  ])
  const answerOf = (organisationId: string) => {
    const answer = round.answers.find((a) => a.organisationId === organisationId)
    return answer
      ? {
          reply: answer.reply,
          comment: answer.comment,
          answeredAt: answer.answeredAt,
          by: answer.user?.name ?? null,
        }
      : null
  }
  const open = round.status === 'open'
  return {
    id: round.id,
    status: round.status,
    deadline: round.deadline,
    openedAt: round.openedAt,
    closedAt: round.closedAt,
    organisations: organisations.map((o) => ({ name: o.name, answer: answerOf(o.id) })),
    ownAnswer: answerOf(user.organisation.id),
    deadlinePassed: open && !beforeDeadline(round.deadline),
    canAnswer: open && mayAnswer && beforeDeadline(round.deadline),
    canClose: open && access.canPrepare,
  }
}
export type RoundPageData = NonNullable<Awaited<ReturnType<typeof roundPageData>>>
