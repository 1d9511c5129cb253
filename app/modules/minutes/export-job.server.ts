/*
 * What the server hands the process that writes an exported minutes or decision list
 * (scripts/minutes-export.ts), and what it hands back. The server reads the minutes under the reader's
 * access rules and puts them into words (export-model.server.ts); the process only lays that text out,
 * so it needs neither the database nor any secret.
 */
import { z } from 'zod'
import { locales } from '../../i18n/config'
import type { ExportModel } from './export-model.server'

export const exportFormats = ['pdf', 'docx'] as const
export type ExportFormat = (typeof exportFormats)[number]

const exportModelSchema = z.object({
  locale: z.enum(locales),
  title: z.string(),
  meeting: z.string(),
  facts: z.array(z.string()),
  notice: z.string(),
  draft: z.boolean(),
  sections: z.array(
    z.object({ heading: z.string(), paragraphs: z.array(z.string()), list: z.boolean() }),
  ),
  fileName: z.string(),
}) satisfies z.ZodType<ExportModel>

export const exportJobSchema = z.object({
  format: z.enum(exportFormats),
  model: exportModelSchema,
})
export type ExportJob = z.infer<typeof exportJobSchema>

export const exportResultSchema = z.discriminatedUnion('status', [
  /** The file's bytes, base64: a text document of at most a few MB. */
  z.object({ status: z.literal('ready'), base64: z.string() }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
])
export type ExportResult = z.infer<typeof exportResultSchema>

/** Runs in the child: checks the job and writes the file. */
export async function writeExport(job: unknown): Promise<ExportResult> {
  const parsed = exportJobSchema.safeParse(job)
  if (!parsed.success) return { status: 'failed', reason: 'the export job is not valid' }
  const { format, model } = parsed.data
  // Only the writer of the format asked for is loaded: the process starts sooner.
  const bytes =
    format === 'pdf'
      ? await (await import('./export-pdf.server')).minutesPdf(model)
      : await (await import('./export-docx.server')).minutesDocx(model)
  return { status: 'ready', base64: Buffer.from(bytes).toString('base64') }
}
