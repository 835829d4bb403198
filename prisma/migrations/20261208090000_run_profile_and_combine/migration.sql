-- AlterTable (issue #12). Written by hand: `prisma migrate diff` rebuilds the whole Run table for two
-- new columns, while SQLite adds a NOT NULL column with a constant default in place. Runs stored
-- before profiles used the pipeline contract's defaults and the 2-of-3 vote.
ALTER TABLE "Run" ADD COLUMN "profile" TEXT NOT NULL DEFAULT 'seed';
ALTER TABLE "Run" ADD COLUMN "combine" TEXT NOT NULL DEFAULT 'vote';
ALTER TABLE "Run" ADD COLUMN "scoreEnsemble" TEXT;
ALTER TABLE "Window" ADD COLUMN "combinedScore" REAL;
