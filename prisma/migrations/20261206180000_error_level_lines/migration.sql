-- AlterTable (written by `prisma migrate diff --from-schema-datamodel <previous schema> --to-schema-datamodel prisma/schema.prisma`)
ALTER TABLE "Window" ADD COLUMN "errorLevelLines" INTEGER;
ALTER TABLE "Window" ADD COLUMN "scaledErrorLevelLines" REAL;

-- Extended windows stored before this column: their runs read classic syslog, which has no levels,
-- so their true count is 0 (raw and scaled: a constant column scales to 0).
UPDATE "Window" SET "errorLevelLines" = 0, "scaledErrorLevelLines" = 0 WHERE "distinctTemplates" IS NOT NULL;
