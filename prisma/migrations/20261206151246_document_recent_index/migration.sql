-- CreateIndex
CREATE INDEX "Document_updatedAt_id_idx" ON "Document"("updatedAt" DESC, "id");
