/*
 * What the server hands the process that builds an agenda pack, and what it hands back. The server
 * reads the database under the reader's access rules and writes down everything the pack will show
 * as a plan: plain JSON, with dates as ISO strings. The process checks the plan against this schema
 * (which turns the dates back into Dates), reads the stored PDFs and writes the pack to a file.
 *
 * The plan holds nothing but what ends up in the reader's pack, and all of it: two readers with the
 * same plan get the same PDF, which is why the pack cache is keyed by the plan's sha256.
 */
import { z } from 'zod'
import { locales } from '../../i18n/config'

const isoDate = z.iso.datetime().transform((value) => new Date(value))
const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

export const packPlanSchema = z.object({
  locale: z.enum(locales),
  network: z.object({ name: z.string(), shortName: z.string() }),
  meeting: z.object({
    title: z.string(),
    description: z.string(),
    status: z.string(),
    cancelReason: z.string().nullable(),
    startsAt: isoDate,
    endsAt: isoDate,
    location: z.string(),
    onlineUrl: z.string(),
    host: z.string(),
    chair: z.string(),
    secretary: z.string(),
  }),
  /** The agenda in order, numbered, with its timetable (numberAgenda). */
  agenda: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      number: z.string(),
      depth: z.union([z.literal(0), z.literal(1)]),
      title: z.string(),
      kind: z.string(),
      durationMinutes: z.number().int(),
      presenter: z.string().nullable(),
      startsAt: isoDate,
      endsAt: isoDate,
    }),
  ),
  /**
   * The documents the reader may see, in pack order: the meeting's own first, then each item's
   * (agendaItemId null: attached to the meeting as a whole), each with its newest version.
   */
  attachments: z.array(
    z.object({
      agendaItemId: z.string().nullable(),
      /** draftMinutes: the minutes of a meeting, not approved yet. */
      document: z.object({ id: z.string(), title: z.string(), draftMinutes: z.boolean() }),
      version: z
        .object({
          id: z.string(),
          sha256,
          mediaType: z.string(),
          originalName: z.string(),
        })
        .nullable(),
    }),
  ),
})

/** The plan as the server writes it (and hashes it): dates as ISO strings. */
export type PackPlan = z.input<typeof packPlanSchema>
/** The plan as the building process reads it: dates as Dates. */
export type ReadPackPlan = z.output<typeof packPlanSchema>

/** What one pack may cost; a document that would cross a limit is left out and listed as such. */
export type PackContentLimits = {
  /** Pages of documents in one pack (the cover comes on top). */
  maxPages: number
  /** Bytes of stored PDFs read for one pack. */
  maxSourceBytes: number
  /** Bytes of the finished PDF; a pack that comes out larger is not made at all. */
  maxOutputBytes: number
}

export const packJobSchema = z.object({
  plan: packPlanSchema,
  /** Where each stored file is, by its sha256. */
  files: z.record(sha256, z.string()),
  /** Where the process writes the pack (a new file). */
  outputPath: z.string(),
  limits: z.object({
    maxPages: z.number().int().positive(),
    maxSourceBytes: z.number().int().positive(),
    maxOutputBytes: z.number().int().positive(),
  }),
})

export type PackJob = z.input<typeof packJobSchema>

/** Why a listed document has no pages in the pack. */
export type LeftOutReason = 'unreadable' | 'pages' | 'size'

/** What the process answers: checked by the server, which trusts no message blindly. */
export const packBuildResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('built'),
    /** Size of the written file. */
    bytes: z.number().int().nonnegative(),
    pages: z.number().int().positive(),
    /** The document versions whose pages are in the pack, once each (for the access log). */
    included: z.array(z.object({ documentId: z.string(), versionId: z.string() })),
    leftOut: z.array(
      z.object({
        versionId: z.string(),
        reason: z.enum(['unreadable', 'pages', 'size']),
        detail: z.string(),
      }),
    ),
    /** The building process's peak resident memory. */
    peakRssBytes: z.number().nonnegative(),
  }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
])

export type PackBuildResult = z.infer<typeof packBuildResultSchema>
export type BuiltPack = Extract<PackBuildResult, { status: 'built' }>
export type IncludedVersion = BuiltPack['included'][number]
