-- CreateTable
CREATE TABLE "FileHold" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileHold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FileHold_sha256_idx" ON "FileHold"("sha256");
