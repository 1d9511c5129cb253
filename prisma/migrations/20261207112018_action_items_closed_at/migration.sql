-- CreateIndex
CREATE INDEX "ActionItem_networkId_closedAt_idx" ON "ActionItem"("networkId", "closedAt");
