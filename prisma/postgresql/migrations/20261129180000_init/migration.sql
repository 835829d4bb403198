-- PostgreSQL support arrived with 20261208090000_run_profile_and_combine: this first migration holds the whole schema as of then
-- (prisma migrate diff --from-empty), and the later folders of that release are empty, kept so that
-- each SQLite migration has its PostgreSQL counterpart of the same name (test/db/postgres-migrations.test.ts).

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "LogFile" (
    "id" SERIAL NOT NULL,
    "originalName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "lines" INTEGER NOT NULL,
    "unparsedLines" INTEGER NOT NULL,
    "storedPath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" SERIAL NOT NULL,
    "logFileId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "year" INTEGER NOT NULL,
    "window" INTEGER NOT NULL,
    "eps" DOUBLE PRECISION,
    "epsAuto" BOOLEAN NOT NULL DEFAULT false,
    "minSamples" INTEGER NOT NULL,
    "contamination" DOUBLE PRECISION NOT NULL,
    "contaminationAuto" BOOLEAN NOT NULL DEFAULT false,
    "aePercentile" DOUBLE PRECISION NOT NULL,
    "aePercentileAuto" BOOLEAN NOT NULL DEFAULT false,
    "votes" INTEGER NOT NULL,
    "epochs" INTEGER NOT NULL,
    "seed" BIGINT NOT NULL,
    "features" TEXT NOT NULL DEFAULT 'seed',
    "yearAuto" BOOLEAN NOT NULL DEFAULT false,
    "yearInferred" BOOLEAN NOT NULL DEFAULT false,
    "format" TEXT NOT NULL DEFAULT 'syslog',
    "detectedFormat" TEXT,
    "formatOptions" TEXT,
    "stageSeconds" TEXT,
    "windowCount" INTEGER,
    "ifCount" INTEGER,
    "dbscanCount" INTEGER,
    "aeCount" INTEGER,
    "ensembleCount" INTEGER,
    "ifThreshold" DOUBLE PRECISION,
    "aeThreshold" DOUBLE PRECISION,
    "labelSettings" TEXT,
    "thresholdChoices" TEXT,
    "truthSource" TEXT,
    "truthWindows" TEXT,
    "modelDir" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "profile" TEXT NOT NULL DEFAULT 'seed',
    "combine" TEXT NOT NULL DEFAULT 'vote',
    "scoreEnsemble" TEXT,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Window" (
    "runId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "uniqueMessages" INTEGER NOT NULL,
    "distinctHosts" INTEGER NOT NULL,
    "distinctProcesses" INTEGER NOT NULL,
    "avgMsgLength" DOUBLE PRECISION NOT NULL,
    "failedAuthCount" INTEGER NOT NULL,
    "invalidUserCount" INTEGER NOT NULL,
    "entropyTokens" DOUBLE PRECISION NOT NULL,
    "scaledEventCount" DOUBLE PRECISION NOT NULL,
    "scaledUniqueMessages" DOUBLE PRECISION NOT NULL,
    "scaledDistinctHosts" DOUBLE PRECISION NOT NULL,
    "scaledDistinctProcesses" DOUBLE PRECISION NOT NULL,
    "scaledAvgMsgLength" DOUBLE PRECISION NOT NULL,
    "scaledFailedAuthCount" DOUBLE PRECISION NOT NULL,
    "scaledInvalidUserCount" DOUBLE PRECISION NOT NULL,
    "scaledEntropyTokens" DOUBLE PRECISION NOT NULL,
    "ifScore" DOUBLE PRECISION NOT NULL,
    "aeError" DOUBLE PRECISION NOT NULL,
    "dbscanDistance" DOUBLE PRECISION,
    "dbscanCluster" INTEGER,
    "ifAnomaly" BOOLEAN NOT NULL,
    "dbscanAnomaly" BOOLEAN NOT NULL,
    "aeAnomaly" BOOLEAN NOT NULL,
    "ensembleAnomaly" BOOLEAN NOT NULL,
    "modelVotes" INTEGER NOT NULL,
    "lineRanges" TEXT,
    "aeFeatureErrors" BYTEA,
    "distinctTemplates" INTEGER,
    "errorKeywordLines" INTEGER,
    "rareTemplateLines" INTEGER,
    "scaledDistinctTemplates" DOUBLE PRECISION,
    "scaledErrorKeywordLines" DOUBLE PRECISION,
    "scaledRareTemplateLines" DOUBLE PRECISION,
    "scaledUnseenTemplateLines" DOUBLE PRECISION,
    "templateCounts" TEXT,
    "unseenTemplateLines" INTEGER,
    "errorLevelLines" INTEGER,
    "scaledErrorLevelLines" DOUBLE PRECISION,
    "combinedScore" DOUBLE PRECISION,

    CONSTRAINT "Window_pkey" PRIMARY KEY ("runId","index")
);

-- CreateTable
CREATE TABLE "RunTemplate" (
    "runId" INTEGER NOT NULL,
    "templateId" INTEGER NOT NULL,
    "template" TEXT NOT NULL,
    "lines" INTEGER NOT NULL,
    "windows" INTEGER NOT NULL,
    "example" TEXT,
    "median" DOUBLE PRECISION NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "std" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RunTemplate_pkey" PRIMARY KEY ("runId","templateId")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "message" TEXT,
    "payload" TEXT,
    "error" TEXT,
    "runId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThresholdPreset" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "contamination" DOUBLE PRECISION NOT NULL,
    "aePercentile" DOUBLE PRECISION NOT NULL,
    "eps" DOUBLE PRECISION NOT NULL,
    "minSamples" INTEGER NOT NULL,
    "votes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThresholdPreset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LogFile_sha256_key" ON "LogFile"("sha256");

-- CreateIndex
CREATE INDEX "Run_logFileId_idx" ON "Run"("logFileId");

-- CreateIndex
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");

-- CreateIndex
CREATE INDEX "Window_runId_ifScore_idx" ON "Window"("runId", "ifScore");

-- CreateIndex
CREATE INDEX "Window_runId_aeError_idx" ON "Window"("runId", "aeError");

-- CreateIndex
CREATE INDEX "Window_runId_ensembleAnomaly_idx" ON "Window"("runId", "ensembleAnomaly");

-- CreateIndex
CREATE INDEX "Job_status_id_idx" ON "Job"("status", "id");

-- CreateIndex
CREATE INDEX "Job_runId_idx" ON "Job"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "ThresholdPreset_runId_name_key" ON "ThresholdPreset"("runId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_logFileId_fkey" FOREIGN KEY ("logFileId") REFERENCES "LogFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Window" ADD CONSTRAINT "Window_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTemplate" ADD CONSTRAINT "RunTemplate_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThresholdPreset" ADD CONSTRAINT "ThresholdPreset_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

