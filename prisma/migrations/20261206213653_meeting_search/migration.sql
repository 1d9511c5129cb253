-- Written by hand (Prisma does not model virtual tables or triggers): the search index of meetings.
--
-- The header search looks for each word inside a meeting's title, description and agenda item titles
-- ("contains", so "grens" finds "grensverkeer"). Without an index that is a LIKE over every meeting and
-- agenda item of the reader's networks. Here the database keeps those texts itself, one row per meeting
-- (title and description) and per agenda item (title), and an FTS5 index of their trigrams over them:
-- a word of three or more characters is found through the index, whatever its accents and case.
--
-- MeetingSearchText holds the texts under a stable integer key (a rowid of Meeting or AgendaItem is not:
-- VACUUM may renumber it); MeetingSearch indexes that table as its external content. Triggers on Meeting
-- and AgendaItem write MeetingSearchText, and triggers on MeetingSearchText keep the index in step, in
-- the same statement as the change: no code path that writes meetings can forget it.
--
-- A later migration that rebuilds Meeting or AgendaItem (Prisma's "RedefineTables") drops these
-- triggers with the table: it must create them again (tests/integration/meetings-search.test.ts fails
-- without them).
CREATE TABLE "MeetingSearchText" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    -- The meeting's id for its title and description, an agenda item's id for its title.
    "sourceId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "text" TEXT NOT NULL
);
CREATE UNIQUE INDEX "MeetingSearchText_sourceId_key" ON "MeetingSearchText"("sourceId");

CREATE VIRTUAL TABLE "MeetingSearch" USING fts5(
    text,
    content = 'MeetingSearchText',
    content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER "MeetingSearchText_insert" AFTER INSERT ON "MeetingSearchText" BEGIN
    INSERT INTO "MeetingSearch" (rowid, text) VALUES (new."id", new."text");
END;
CREATE TRIGGER "MeetingSearchText_delete" AFTER DELETE ON "MeetingSearchText" BEGIN
    INSERT INTO "MeetingSearch" ("MeetingSearch", rowid, text) VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "MeetingSearchText_update" AFTER UPDATE ON "MeetingSearchText" BEGIN
    INSERT INTO "MeetingSearch" ("MeetingSearch", rowid, text) VALUES ('delete', old."id", old."text");
    INSERT INTO "MeetingSearch" (rowid, text) VALUES (new."id", new."text");
END;

CREATE TRIGGER "Meeting_search_insert" AFTER INSERT ON "Meeting" BEGIN
    INSERT INTO "MeetingSearchText" ("sourceId", "meetingId", "text")
    VALUES (new."id", new."id", new."title" || char(10) || new."description");
END;
CREATE TRIGGER "Meeting_search_update" AFTER UPDATE OF "title", "description" ON "Meeting" BEGIN
    UPDATE "MeetingSearchText" SET "text" = new."title" || char(10) || new."description"
    WHERE "sourceId" = new."id";
END;
CREATE TRIGGER "Meeting_search_delete" AFTER DELETE ON "Meeting" BEGIN
    DELETE FROM "MeetingSearchText" WHERE "sourceId" = old."id";
END;

CREATE TRIGGER "AgendaItem_search_insert" AFTER INSERT ON "AgendaItem" BEGIN
    INSERT INTO "MeetingSearchText" ("sourceId", "meetingId", "text")
    VALUES (new."id", new."meetingId", new."title");
END;
CREATE TRIGGER "AgendaItem_search_update" AFTER UPDATE OF "title", "meetingId" ON "AgendaItem" BEGIN
    UPDATE "MeetingSearchText" SET "text" = new."title", "meetingId" = new."meetingId"
    WHERE "sourceId" = new."id";
END;
CREATE TRIGGER "AgendaItem_search_delete" AFTER DELETE ON "AgendaItem" BEGIN
    DELETE FROM "MeetingSearchText" WHERE "sourceId" = old."id";
END;

-- The meetings and agenda items already there (the triggers above index them).
INSERT INTO "MeetingSearchText" ("sourceId", "meetingId", "text")
SELECT "id", "id", "title" || char(10) || "description" FROM "Meeting";
INSERT INTO "MeetingSearchText" ("sourceId", "meetingId", "text")
SELECT "id", "meetingId", "title" FROM "AgendaItem";
