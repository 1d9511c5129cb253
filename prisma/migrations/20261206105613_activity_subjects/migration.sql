-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ActivityEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "networkId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorOrganisationId" TEXT,
    "documentId" TEXT,
    "meetingId" TEXT,
    "projectId" TEXT,
    "goalId" TEXT,
    "actionItemId" TEXT,
    "documentVersionId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActivityEvent_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_documentVersionId_fkey" FOREIGN KEY ("documentVersionId") REFERENCES "DocumentVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityEvent_actionItemId_fkey" FOREIGN KEY ("actionItemId") REFERENCES "ActionItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ActivityEvent" ("actionItemId", "actorId", "actorOrganisationId", "createdAt", "data", "documentId", "goalId", "id", "kind", "meetingId", "networkId", "projectId") SELECT "actionItemId", "actorId", "actorOrganisationId", "createdAt", "data", "documentId", "goalId", "id", "kind", "meetingId", "networkId", "projectId" FROM "ActivityEvent";
DROP TABLE "ActivityEvent";
ALTER TABLE "new_ActivityEvent" RENAME TO "ActivityEvent";
CREATE INDEX "ActivityEvent_networkId_createdAt_id_idx" ON "ActivityEvent"("networkId", "createdAt", "id");
CREATE INDEX "ActivityEvent_createdAt_idx" ON "ActivityEvent"("createdAt");
CREATE INDEX "ActivityEvent_documentId_idx" ON "ActivityEvent"("documentId");
CREATE INDEX "ActivityEvent_meetingId_idx" ON "ActivityEvent"("meetingId");
CREATE INDEX "ActivityEvent_projectId_idx" ON "ActivityEvent"("projectId");
CREATE INDEX "ActivityEvent_goalId_idx" ON "ActivityEvent"("goalId");
CREATE INDEX "ActivityEvent_actionItemId_idx" ON "ActivityEvent"("actionItemId");
CREATE INDEX "ActivityEvent_documentVersionId_idx" ON "ActivityEvent"("documentVersionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
