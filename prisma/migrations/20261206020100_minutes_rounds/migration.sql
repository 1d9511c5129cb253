-- CreateTable
CREATE TABLE "MinutesRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedById" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedById" TEXT,
    "closedAt" DATETIME,
    CONSTRAINT "MinutesRound_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MinutesRoundAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "userId" TEXT,
    "reply" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MinutesRoundAnswer_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MinutesRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MinutesRoundAnswer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MinutesRoundAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MinutesRound_meetingId_status_idx" ON "MinutesRound"("meetingId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MinutesRoundAnswer_roundId_organisationId_key" ON "MinutesRoundAnswer"("roundId", "organisationId");
