-- CreateTable
CREATE TABLE "LogFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "originalName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "lines" INTEGER NOT NULL,
    "unparsedLines" INTEGER NOT NULL,
    "storedPath" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "logFileId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "year" INTEGER NOT NULL,
    "window" INTEGER NOT NULL,
    "eps" REAL,
    "epsAuto" BOOLEAN NOT NULL DEFAULT false,
    "minSamples" INTEGER NOT NULL,
    "contamination" REAL NOT NULL,
    "aePercentile" REAL NOT NULL,
    "votes" INTEGER NOT NULL,
    "epochs" INTEGER NOT NULL,
    "seed" BIGINT NOT NULL,
    "stageSeconds" TEXT,
    "windowCount" INTEGER,
    "ifCount" INTEGER,
    "dbscanCount" INTEGER,
    "aeCount" INTEGER,
    "ensembleCount" INTEGER,
    "ifThreshold" REAL,
    "aeThreshold" REAL,
    "labelSettings" TEXT,
    "modelDir" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_logFileId_fkey" FOREIGN KEY ("logFileId") REFERENCES "LogFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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
    "avgMsgLength" REAL NOT NULL,
    "failedAuthCount" INTEGER NOT NULL,
    "invalidUserCount" INTEGER NOT NULL,
    "entropyTokens" REAL NOT NULL,
    "scaledEventCount" REAL NOT NULL,
    "scaledUniqueMessages" REAL NOT NULL,
    "scaledDistinctHosts" REAL NOT NULL,
    "scaledDistinctProcesses" REAL NOT NULL,
    "scaledAvgMsgLength" REAL NOT NULL,
    "scaledFailedAuthCount" REAL NOT NULL,
    "scaledInvalidUserCount" REAL NOT NULL,
    "scaledEntropyTokens" REAL NOT NULL,
    "ifScore" REAL NOT NULL,
    "aeError" REAL NOT NULL,
    "dbscanDistance" REAL,
    "dbscanCluster" INTEGER,
    "ifAnomaly" BOOLEAN NOT NULL,
    "dbscanAnomaly" BOOLEAN NOT NULL,
    "aeAnomaly" BOOLEAN NOT NULL,
    "ensembleAnomaly" BOOLEAN NOT NULL,
    "modelVotes" INTEGER NOT NULL,
    "lineRanges" TEXT,

    PRIMARY KEY ("runId", "index"),
    CONSTRAINT "Window_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" REAL NOT NULL DEFAULT 0,
    "message" TEXT,
    "payload" TEXT,
    "error" TEXT,
    "runId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME,
    CONSTRAINT "Job_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ThresholdPreset" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "contamination" REAL NOT NULL,
    "aePercentile" REAL NOT NULL,
    "eps" REAL NOT NULL,
    "minSamples" INTEGER NOT NULL,
    "votes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ThresholdPreset_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

