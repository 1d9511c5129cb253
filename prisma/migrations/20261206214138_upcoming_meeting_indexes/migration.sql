-- CreateIndex
CREATE INDEX "Meeting_status_endsAt_idx" ON "Meeting"("status", "endsAt");

-- CreateIndex
CREATE INDEX "MinutesRound_status_deadline_idx" ON "MinutesRound"("status", "deadline");
