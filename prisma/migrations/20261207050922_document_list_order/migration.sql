-- CreateIndex
CREATE INDEX "Document_networkId_deletedAt_updatedAt_id_audience_ownerOrganisationId_idx" ON "Document"("networkId", "deletedAt", "updatedAt" DESC, "id", "audience", "ownerOrganisationId");
