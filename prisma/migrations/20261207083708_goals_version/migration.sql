-- CreateTable
CREATE TABLE "GoalsVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0
);

INSERT INTO "GoalsVersion" ("id", "version") VALUES (1, 0);

-- Every change to a goal or a measurement moves the version, whatever writes it (the pages, a script,
-- a cascade from a deleted project): app/modules/goals/summaries.server.ts works the goal statuses
-- out again only when it has moved. The bodies name GoalsVersion alone: a trigger that names another
-- table would stop a later migration from rebuilding that table (SQLite checks triggers on RENAME).
CREATE TRIGGER "Goal_version_insert" AFTER INSERT ON "Goal" BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Goal_version_update" AFTER UPDATE ON "Goal" BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Goal_version_delete" AFTER DELETE ON "Goal" BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Measurement_version_insert" AFTER INSERT ON "Measurement" BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Measurement_version_update" AFTER UPDATE ON "Measurement" BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Measurement_version_delete" AFTER DELETE ON "Measurement" BEGIN
    UPDATE "GoalsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
