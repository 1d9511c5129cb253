-- AlterTable
ALTER TABLE "MeetingGuest" ADD COLUMN "notifiedAt" DATETIME;
ALTER TABLE "MeetingGuest" ADD COLUMN "removedAt" DATETIME;

-- CreateTable
CREATE TABLE "MeetingNotice" (
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("meetingId", "userId"),
    CONSTRAINT "MeetingNotice_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MeetingNotice_userId_idx" ON "MeetingNotice"("userId");
