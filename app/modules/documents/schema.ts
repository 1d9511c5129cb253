import { z } from 'zod'
import { choice, formSchema, optionalText, requiredText } from '../forms/fields'
import { audienceKinds, documentLanguages, documentTypes, splitTags } from './types'

// Checkboxes named alike: conform turns nothing, one value or several into a list.
const idList = z.array(z.string().min(1).max(40)).max(200).default([])

const details = {
  title: requiredText(200),
  description: optionalText(4000),
  type: choice(documentTypes),
  language: choice(documentLanguages),
  tags: optionalText(500)
    .transform((v) => splitTags(v))
    .refine((tags) => tags.length <= 20 && tags.every((t) => t.length <= 50), 'tags'),
  audience: choice(audienceKinds),
  /** The partner organisations that may see it when the audience is "selected". */
  organisationIds: idList,
  projectId: z.string().max(40).optional(),
}

/**
 * The details of a new document. The file itself is streamed to disk by upload.server.ts before this
 * schema sees the text fields; the browser's copy of the form also holds the `file` input.
 */
export const newDocumentSchema = formSchema({
  ...details,
  file: z.any().optional(),
  /** Shared for an agenda item: the meeting and item to attach it to (by their preparers only). */
  meetingId: z.string().max(40).optional(),
  agendaItemId: z.string().max(40).optional(),
})
export type DocumentDetailsInput = z.output<typeof newDocumentSchema>

/** Editing the details (not the file) of an existing document. */
export const documentDetailsSchema = formSchema({
  ...details,
  version: z.number().int().min(1),
})
export type DocumentEditInput = z.output<typeof documentDetailsSchema>

/** A new version of an existing document: only the file (and the document it belongs to, from the URL). */
export const newVersionSchema = formSchema({ file: z.any().optional() })
