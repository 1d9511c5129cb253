-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Network" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "goalsVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Network" ("createdAt", "description", "id", "level", "name", "shortName", "slug", "updatedAt") SELECT "createdAt", "description", "id", "level", "name", "shortName", "slug", "updatedAt" FROM "Network";
DROP TABLE "Network";
ALTER TABLE "new_Network" RENAME TO "Network";
CREATE UNIQUE INDEX "Network_slug_key" ON "Network"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Every change to a goal or a measurement moves its network's goalsVersion, whatever writes it (the
-- pages, a script, a cascade from a deleted project): app/modules/goals/summaries.server.ts works a
-- network's goal statuses out again only when it has moved.
CREATE TRIGGER "Goal_version_insert" AFTER INSERT ON "Goal" BEGIN
    UPDATE "Network" SET "goalsVersion" = "goalsVersion" + 1 WHERE "id" = NEW."networkId";
END;
CREATE TRIGGER "Goal_version_update" AFTER UPDATE ON "Goal" BEGIN
    UPDATE "Network" SET "goalsVersion" = "goalsVersion" + 1 WHERE "id" IN (OLD."networkId", NEW."networkId");
END;
CREATE TRIGGER "Goal_version_delete" AFTER DELETE ON "Goal" BEGIN
    UPDATE "Network" SET "goalsVersion" = "goalsVersion" + 1 WHERE "id" = OLD."networkId";
END;
CREATE TRIGGER "Measurement_version_insert" AFTER INSERT ON "Measurement" BEGIN
    UPDATE "Network" SET "goalsVersion" = "goalsVersion" + 1
    WHERE "id" = (SELECT "networkId" FROM "Goal" WHERE "id" = NEW."goalId");
END;
CREATE TRIGGER "Measurement_version_update" AFTER UPDATE ON "Measurement" BEGIN
    UPDATE "Network" SET "goalsVersion" = "goalsVersion" + 1
    WHERE "id" IN (SELECT "networkId" FROM "Goal" WHERE "id" IN (OLD."goalId", NEW."goalId"));
END;
CREATE TRIGGER "Measurement_version_delete" AFTER DELETE ON "Measurement" BEGIN
    UPDATE "Network" SET "goalsVersion" = "goalsVersion" + 1
    WHERE "id" = (SELECT "networkId" FROM "Goal" WHERE "id" = OLD."goalId");
END;
