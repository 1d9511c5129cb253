-- DropIndex
DROP INDEX "User_organisationId_idx";

-- CreateIndex
CREATE INDEX "MeetingAttendance_meetingId_organisationId_invited_response_idx" ON "MeetingAttendance"("meetingId", "organisationId", "invited", "response");

-- CreateIndex
CREATE INDEX "User_organisationId_disabledAt_idx" ON "User"("organisationId", "disabledAt");
