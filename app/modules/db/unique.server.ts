import { Prisma } from './generated/client'

/** Which unique field a P2002 error is about, for a message next to that field; null for other errors. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002')
    return null
  const target = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }
    | undefined
  const fields = Array.isArray(target?.target)
    ? (target.target as string[])
    : (target?.driverAdapterError?.cause?.constraint?.fields ?? [])
  return fields.map((f) => f.replace(/"/g, '')).join(',') || 'unknown'
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
