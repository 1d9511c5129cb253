-- Written by hand (Prisma does not model text search): the search indexes on PostgreSQL, twins of the
-- SQLite migrations 20261126083156_documents (DocumentSearch, FTS5) and 20261206213653_meeting_search
-- (MeetingSearchText and its trigram index). See docs/decisions/0019-postgresql.md.
--
-- Both extensions are "trusted": the owner of the database may create them without being a superuser.
CREATE EXTENSION IF NOT EXISTS "unaccent";
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- Dutch stemming on words with their accents removed first, so "financiële" and "financiele" are one
-- word, as FTS5's remove_diacritics makes them on SQLite.
CREATE TEXT SEARCH CONFIGURATION "zwin_nl" (COPY = pg_catalog.dutch);
ALTER TEXT SEARCH CONFIGURATION "zwin_nl"
    ALTER MAPPING FOR hword, hword_part, word WITH "unaccent", dutch_stem;

-- One row per document (rowid = Document.searchRowId) with its title, description, tags and the text
-- of its newest version, written by app/modules/documents/search-index.server.ts in the same
-- transaction as the document. The column is called rowid, as FTS5's is, so those statements are the
-- same on both databases. The vector weighs a match in the title most, then tags, description and text
-- (bm25(10, 3, 5, 1) on SQLite). A tsvector holds at most 1 MB, so the text counts with its first
-- 200,000 characters (some 30,000 words).
CREATE TABLE "DocumentSearch" (
    "rowid" INTEGER NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('zwin_nl', "title"), 'A') ||
        setweight(to_tsvector('zwin_nl', "tags"), 'B') ||
        setweight(to_tsvector('zwin_nl', "description"), 'C') ||
        setweight(to_tsvector('zwin_nl', left("body", 200000)), 'D')
    ) STORED
);
CREATE INDEX "DocumentSearch_vector_idx" ON "DocumentSearch" USING GIN ("vector");

-- The texts of meetings (title and description) and agenda items (title), kept by triggers in the
-- same statement as the change, with a trigram index on their folded form (lower case, no accents):
-- the header search finds a word anywhere in them, also inside a longer word.
CREATE TABLE "MeetingSearchText" (
    -- The meeting's id for its title and description, an agenda item's id for its title.
    "sourceId" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "folded" TEXT NOT NULL
);
CREATE INDEX "MeetingSearchText_folded_idx" ON "MeetingSearchText" USING GIN ("folded" gin_trgm_ops);
CREATE INDEX "MeetingSearchText_meetingId_idx" ON "MeetingSearchText" ("meetingId");

CREATE FUNCTION "zwin_meeting_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    source TEXT;
    meeting TEXT;
    body TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "MeetingSearchText" WHERE "sourceId" = old."id";
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'Meeting' THEN
        source := new."id";
        meeting := new."id";
        body := new."title" || chr(10) || new."description";
    ELSE
        source := new."id";
        meeting := new."meetingId";
        body := new."title";
    END IF;
    INSERT INTO "MeetingSearchText" ("sourceId", "meetingId", "text", "folded")
    VALUES (source, meeting, body, lower(unaccent(body)))
    ON CONFLICT ("sourceId") DO UPDATE
        SET "meetingId" = excluded."meetingId", "text" = excluded."text", "folded" = excluded."folded";
    RETURN NULL;
END;
$$;
CREATE TRIGGER "Meeting_search" AFTER INSERT OR UPDATE OF "title", "description" OR DELETE
    ON "Meeting" FOR EACH ROW EXECUTE FUNCTION "zwin_meeting_search_text"();
CREATE TRIGGER "AgendaItem_search" AFTER INSERT OR UPDATE OF "title", "meetingId" OR DELETE
    ON "AgendaItem" FOR EACH ROW EXECUTE FUNCTION "zwin_meeting_search_text"();
