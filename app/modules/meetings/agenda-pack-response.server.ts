/*
 * The answer to a reader asking for a meeting's agenda pack (agenda-pack.server.ts makes the pack).
 */
import { createReadableStreamFromReadable } from '@remix-run/node'
import type { Locale } from '../../i18n/config'
import { translator } from '../../i18n/translate'
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { recordDocumentDownloads } from '../documents/access-log.server'
import { downloadHeaders } from '../files/download'
import { refusalResponse } from '../http/refusal.server'
import { agendaPacks, type AgendaPacks } from './agenda-pack.server'
import { meetingWallClock } from './types'
import { log } from '../observability/logger.server'

/**
 * The answer to a reader asking for the pack: the PDF as a download, streamed from its file, with each
 * document whose pages are in it logged as downloaded by them (also when the pack came from the
 * cache); or a short page in their language saying the server is busy (503, Retry-After) or that the
 * pack could not be made.
 */
export async function agendaPackResponse(
  request: Request,
  reader: CurrentUser,
  access: MeetingAccess,
  locale: Locale,
  packs: AgendaPacks = agendaPacks,
): Promise<Response> {
  const pack = await packs.get(reader, access, locale)
  if (pack.status === 'busy') {
    return refusalResponse(request, {
      status: 503,
      reason: 'busy',
      retryAfterSeconds: pack.retryAfterSeconds,
      locale,
    })
  }
  if (pack.status === 'failed') {
    log.error(`Agenda pack of meeting ${access.meeting.id} not made: ${pack.reason}`)
    return refusalResponse(request, { status: 500, reason: 'agendaPackFailed', locale })
  }
  try {
    await recordDocumentDownloads(reader, pack.included)
  } catch (error) {
    await pack.file.close()
    throw error
  }
  const headers = new Headers(
    downloadHeaders(agendaPackFileName(access, locale), 'application/pdf'),
  )
  headers.set('Content-Length', String(pack.bytes))
  return new Response(createReadableStreamFromReadable(pack.file.createReadStream()), { headers })
}

/** "agendapakket-gos-2026-03-10.pdf": the network's short name and the day of the meeting. */
export function agendaPackFileName(access: MeetingAccess, locale: Locale): string {
  const t = translator(locale) as unknown as (key: string) => string
  const network = access.network.shortName.toLowerCase().trim().replace(/\s+/g, '-')
  return `${t('agendaPack:fileName')}-${network}-${meetingWallClock(access.meeting.startsAt).day}.pdf`
}
