-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "locale" TEXT,
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isOrgAdmin" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" DATETIME,
    "passwordChangedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastVisitAt" DATETIME,
    "previousVisitAt" DATETIME,
    "digestHour" INTEGER NOT NULL DEFAULT 7,
    "digestWeekday" INTEGER NOT NULL DEFAULT 1,
    "digestCursor" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "weeklyDigestCursor" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "digestCursor", "digestHour", "digestWeekday", "disabledAt", "email", "id", "isOrgAdmin", "isPlatformAdmin", "lastVisitAt", "locale", "name", "organisationId", "passwordChangedAt", "previousVisitAt", "updatedAt") SELECT "createdAt", "digestCursor", "digestHour", "digestWeekday", "disabledAt", "email", "id", "isOrgAdmin", "isPlatformAdmin", "lastVisitAt", "locale", "name", "organisationId", "passwordChangedAt", "previousVisitAt", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_organisationId_idx" ON "User"("organisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
