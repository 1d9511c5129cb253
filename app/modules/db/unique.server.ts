import { Prisma } from './generated/client'

/** Which unique field a P2002 error is about, for a message next to that field; null for other errors. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002')
    return null
  const meta = error.meta as
    | {
        target?: unknown
        modelName?: string
        driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } }
      }
    | undefined
  const constraint = meta?.driverAdapterError?.cause?.constraint
  const fields = Array.isArray(meta?.target)
    ? (meta.target as string[])
    : (constraint?.fields ?? fieldsOfIndex(meta?.modelName, constraint?.index))
  return fields.map((f) => f.replace(/"/g, '')).join(',') || 'unknown'
}

/**
 * PostgreSQL names the index instead of its columns. Prisma names a unique index
 * `<Model>_<field>_<field>_key` (the schema gives none a name of its own), so the fields are in between.
 */
function fieldsOfIndex(model: string | undefined, index: string | undefined): string[] {
  if (!model || !index?.startsWith(`${model}_`) || !index.endsWith('_key')) return []
  return index.slice(model.length + 1, -'_key'.length).split('_')
}

/**
 * Runs a write; a value that is already taken (a unique slug, code or e-mail address) comes back as
 * `{ ok: false, field }` for the form, anything else is thrown on.
 */
export async function writeUnique<T>(
  write: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; field: string }> {
  try {
    return { ok: true, value: await write() }
  } catch (error) {
    const field = uniqueViolation(error)
    if (field) return { ok: false, field }
    throw error
  }
}
