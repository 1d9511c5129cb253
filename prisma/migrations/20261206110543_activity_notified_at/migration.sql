-- AlterTable
ALTER TABLE "ActivityEvent" ADD COLUMN "notifiedAt" DATETIME;

-- CreateIndex
CREATE INDEX "ActivityEvent_notifiedAt_idx" ON "ActivityEvent"("notifiedAt");
