-- CreateTable
CREATE TABLE "Stream" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceConfig" TEXT,
    "modelRunId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "ownerId" INTEGER,
    "lateness" DOUBLE PRECISION NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'live',
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "unparsedLines" INTEGER NOT NULL DEFAULT 0,
    "replayOffset" BIGINT NOT NULL DEFAULT 0,
    "replayLine" INTEGER NOT NULL DEFAULT 1,
    "closedBefore" BIGINT,
    "lateRecords" INTEGER NOT NULL DEFAULT 0,
    "lastSeq" BIGINT,
    "sourceFile" TEXT,
    "sourceOffset" BIGINT,
    "lastProblem" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "Stream_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Stream_runId_key" ON "Stream"("runId");

-- CreateIndex
CREATE INDEX "Stream_state_idx" ON "Stream"("state");

-- AddForeignKey
ALTER TABLE "Stream" ADD CONSTRAINT "Stream_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

