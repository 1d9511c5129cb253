-- Written by hand (Prisma does not model triggers): no meeting lasts longer than 48 hours
-- (MAX_MEETING_HOURS in app/modules/meetings/types.ts), whatever writes it. The meeting form refuses a
-- longer one; the lists of upcoming meetings rely on it (a meeting that has not ended began at most 48
-- hours ago, so they read the (network, start) index from there: notEndedWhere in
-- app/modules/meetings/queries.server.ts). An import or a script that wrote a longer meeting would drop
-- out of those lists while it runs; here it fails instead.
--
-- Meetings written before this migration are not checked again. A later migration that rebuilds
-- Meeting drops these triggers with the table: it must create them again
-- (tests/integration/meeting-length.test.ts fails without them).
CREATE TRIGGER "Meeting_length_insert" BEFORE INSERT ON "Meeting"
WHEN unixepoch(new."endsAt") - unixepoch(new."startsAt") > 48 * 3600
BEGIN
    SELECT RAISE(ABORT, 'A meeting lasts at most 48 hours');
END;
CREATE TRIGGER "Meeting_length_update" BEFORE UPDATE OF "startsAt", "endsAt" ON "Meeting"
WHEN unixepoch(new."endsAt") - unixepoch(new."startsAt") > 48 * 3600
BEGIN
    SELECT RAISE(ABORT, 'A meeting lasts at most 48 hours');
END;
