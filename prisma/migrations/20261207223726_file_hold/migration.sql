-- CreateTable
CREATE TABLE "FileHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FileHold_sha256_idx" ON "FileHold"("sha256");
