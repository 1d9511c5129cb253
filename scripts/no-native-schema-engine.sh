#!/bin/sh
# Prisma's CLI insists that a native schema engine exists before `prisma generate`, although generate
# never runs it. This stand-in satisfies that check offline; see docs/decisions/0002-offline-prisma.md.
echo "the native schema engine is not used here: migrations run through scripts/migrate.ts" >&2
exit 1
