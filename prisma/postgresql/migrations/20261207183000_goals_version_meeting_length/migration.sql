-- Written by hand (Prisma does not model triggers): the PostgreSQL twins of the SQLite migrations
-- 20261207083708_goals_version and 20261207113500_meeting_length (docs/decisions/0019-postgresql.md).

-- The one row of GoalsVersion. Every change to a goal or a measurement moves its version, whatever
-- writes it: app/modules/goals/summaries.server.ts works the goal statuses out again only when it has
-- moved.
INSERT INTO "GoalsVersion" ("id", "version") VALUES (1, 0);

CREATE FUNCTION "zwin_goals_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER "Goal_version" AFTER INSERT OR UPDATE OR DELETE ON "Goal"
    FOR EACH STATEMENT EXECUTE FUNCTION "zwin_goals_version_bump"();
CREATE TRIGGER "Measurement_version" AFTER INSERT OR UPDATE OR DELETE ON "Measurement"
    FOR EACH STATEMENT EXECUTE FUNCTION "zwin_goals_version_bump"();

-- No meeting lasts longer than 48 hours (MAX_MEETING_HOURS in app/modules/meetings/types.ts), whatever
-- writes it: the lists of upcoming meetings rely on it (notEndedWhere in
-- app/modules/meetings/queries.server.ts).
CREATE FUNCTION "zwin_meeting_length_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF new."endsAt" - new."startsAt" > interval '48 hours' THEN
        RAISE EXCEPTION 'A meeting lasts at most 48 hours';
    END IF;
    RETURN new;
END;
$$;
CREATE TRIGGER "Meeting_length" BEFORE INSERT OR UPDATE OF "startsAt", "endsAt" ON "Meeting"
    FOR EACH ROW EXECUTE FUNCTION "zwin_meeting_length_check"();
