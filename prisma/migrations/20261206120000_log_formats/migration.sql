-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "logFileId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "year" INTEGER NOT NULL,
    "window" INTEGER NOT NULL,
    "eps" REAL,
    "epsAuto" BOOLEAN NOT NULL DEFAULT false,
    "minSamples" INTEGER NOT NULL,
    "contamination" REAL NOT NULL,
    "contaminationAuto" BOOLEAN NOT NULL DEFAULT false,
    "aePercentile" REAL NOT NULL,
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
    "ifThreshold" REAL,
    "aeThreshold" REAL,
    "labelSettings" TEXT,
    "thresholdChoices" TEXT,
    "truthSource" TEXT,
    "truthWindows" TEXT,
    "modelDir" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_logFileId_fkey" FOREIGN KEY ("logFileId") REFERENCES "LogFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("aeCount", "aePercentile", "aePercentileAuto", "aeThreshold", "contamination", "contaminationAuto", "createdAt", "dbscanCount", "ensembleCount", "epochs", "eps", "epsAuto", "error", "features", "finishedAt", "id", "ifCount", "ifThreshold", "labelSettings", "logFileId", "minSamples", "modelDir", "seed", "stageSeconds", "status", "thresholdChoices", "truthSource", "truthWindows", "votes", "window", "windowCount", "year") SELECT "aeCount", "aePercentile", "aePercentileAuto", "aeThreshold", "contamination", "contaminationAuto", "createdAt", "dbscanCount", "ensembleCount", "epochs", "eps", "epsAuto", "error", "features", "finishedAt", "id", "ifCount", "ifThreshold", "labelSettings", "logFileId", "minSamples", "modelDir", "seed", "stageSeconds", "status", "thresholdChoices", "truthSource", "truthWindows", "votes", "window", "windowCount", "year" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_logFileId_idx" ON "Run"("logFileId");
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

