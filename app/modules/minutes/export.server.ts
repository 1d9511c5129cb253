/*
 * The minutes and the decision list of a meeting as a file (PDF or Word) for one reader: read under
 * their access rules, in their language, marked as a draft until approved, written in a child process
 * (export-process.server.ts). The answer is the download, or a short page in their language when the
 * server is busy (503) or the file could not be made (500).
 */
import type { Locale } from '../../i18n/config'
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { downloadHeaders } from '../files/download'
import { refusalResponse } from '../http/refusal.server'
import type { ExportFormat } from './export-job.server'
import { exportModel, minutesExportData, type ExportKind } from './export-model.server'
import { runExport } from './export-process.server'
import { log } from '../observability/logger.server'

/** The files a meeting's minutes can be downloaded as, by the last part of their address. */
export const exportFiles = {
  'verslag.pdf': { kind: 'minutes', format: 'pdf' },
  'verslag.docx': { kind: 'minutes', format: 'docx' },
  'besluitenlijst.pdf': { kind: 'decisionList', format: 'pdf' },
  'besluitenlijst.docx': { kind: 'decisionList', format: 'docx' },
} as const satisfies Record<string, { kind: ExportKind; format: ExportFormat }>
export type ExportFile = keyof typeof exportFiles

export function isExportFile(name: string): name is ExportFile {
  return Object.hasOwn(exportFiles, name)
}

const mediaTypes: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export async function minutesExportResponse(
  request: Request,
  reader: CurrentUser,
  access: MeetingAccess,
  file: ExportFile,
  locale: Locale,
): Promise<Response> {
  const { kind, format } = exportFiles[file]
  const model = exportModel(access, await minutesExportData(reader, access), kind, locale)
  const result = await runExport({ format, model })
  if (result.status === 'busy') {
    return refusalResponse(request, {
      status: 503,
      reason: 'busy',
      retryAfterSeconds: result.retryAfterSeconds,
      locale,
    })
  }
  if (result.status === 'failed') {
    log.error(`Minutes export of meeting ${access.meeting.id} not made: ${result.reason}`)
    return refusalResponse(request, { status: 500, reason: 'minutesExportFailed', locale })
  }
  const bytes = Buffer.from(result.base64, 'base64')
  const headers = new Headers(downloadHeaders(`${model.fileName}.${format}`, mediaTypes[format]))
  headers.set('Content-Length', String(bytes.byteLength))
  return new Response(bytes, { headers })
}
