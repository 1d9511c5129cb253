-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MeetingAttendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "invited" BOOLEAN NOT NULL DEFAULT false,
    "response" TEXT,
    "delegateName" TEXT,
    "respondedAt" DATETIME,
    "presence" TEXT,
    "excuseReason" TEXT,
    CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingAttendance_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Written by hand: recorded attendance carries over. Attended is present; not attended is excused
-- after a "no" reply (the person sent notice), absent otherwise; not recorded stays null.
INSERT INTO "new_MeetingAttendance" ("delegateName", "id", "invited", "meetingId", "organisationId", "respondedAt", "response", "userId", "presence") SELECT "delegateName", "id", "invited", "meetingId", "organisationId", "respondedAt", "response", "userId", CASE WHEN "attended" = 1 THEN 'present' WHEN "attended" = 0 AND "response" = 'no' THEN 'excused' WHEN "attended" = 0 THEN 'absent' END FROM "MeetingAttendance";
DROP TABLE "MeetingAttendance";
ALTER TABLE "new_MeetingAttendance" RENAME TO "MeetingAttendance";
CREATE INDEX "MeetingAttendance_userId_idx" ON "MeetingAttendance"("userId");
CREATE UNIQUE INDEX "MeetingAttendance_meetingId_userId_key" ON "MeetingAttendance"("meetingId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
