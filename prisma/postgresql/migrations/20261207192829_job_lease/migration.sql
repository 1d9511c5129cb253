-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3);
